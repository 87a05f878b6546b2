import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import { manualClock, type Clock } from "../core/clock.js";
import type { Rhythm } from "../core/schedule/types.js";
import { createCircle, linkChannel, type Actor } from "../circles/index.js";
import type { ReminderContext } from "../reminders/context.js";
import { ReminderQueue } from "../reminders/queue.js";
import { setRhythm } from "../reminders/rhythms.js";
import { DEFAULT_DISPATCH } from "../reminders/limits.js";
import { startReminderService } from "../reminders/service.js";
import { loadConfig } from "../platform/config.js";
import type { ServerContext } from "../platform/context.js";
import { createLogger } from "../platform/logger.js";
import { startAzurite } from "../storage/azure/azurite.js";
import { AzureTableStoreFactory } from "../storage/azure/azure-table-store.js";
import { openRepositories } from "../storage/index.js";
import { startLocalConnector, type LocalConnector } from "../test/support/connector.js";
import type { BenchFigure } from "./figures.js";

/**
 * `npm run bench reminder-fanout`: N circles, each with a weekly meeting whose reminder is due now,
 * each linked to its own channel (N conversations), sent by the reminder service running in a
 * separate process against Azurite and a local Bot Connector that enforces Teams' limits
 * (50 requests/s per app, 7/s per conversation, 429 + Retry-After beyond). Once cleanly, once with
 * the dispatcher process killed (SIGKILL) halfway and a new one started.
 * Default N = 1,000 (floor 20 s); REMINDER_BENCH_FULL=1 runs the issue's N = 5,000 (floor 100 s).
 */
export const title = "Reminder fan-out through a connector enforcing Teams' rate limits";

const WORKER_FLAG = "--reminder-fanout-worker";
const FULL = process.env.REMINDER_BENCH_FULL === "1";
const REMINDERS = FULL ? 5_000 : 1_000;
const APP_LIMIT_PER_SECOND = 50;
const CONVERSATION_LIMIT_PER_SECOND = 7;
const FLOOR_SECONDS = REMINDERS / APP_LIMIT_PER_SECOND;
const GOAL_SECONDS = FLOOR_SECONDS * 1.1;
/** Short for the benchmark, so that the killed worker's claims come back quickly; the send timeout stays well below it. */
const BENCH_LEASE_MS = 5_000;
const BENCH_SEND_TIMEOUT_MS = 2_000;
/** The service's default: reminders are prepared up to 10 minutes before they are due. */
const PREPARE_AHEAD_MS = DEFAULT_DISPATCH.prepareAheadMs;
const TENANT = "bench-tenant";
const DUE = new Date("2026-03-02T08:00:00Z");
const WEEKLY: Rhythm = { kind: "joint-planning", cadence: "weekly", day: { kind: "weekday", weekday: "tuesday" }, time: "09:00", timeZone: "Europe/Stockholm", paused: false };
const SEED_CONCURRENCY = 24;

interface ScenarioResult {
  /** From the due time to the last reminder delivered. */
  wallSeconds: number;
  /** Preparing every reminder (targets, agenda, cards, deliveries) before the due time. */
  preparationSeconds: number;
  duplicates: number;
  lost: number;
  throttled: number;
  /** Sends the kill interrupted (marked "sending", no outcome): in doubt, sent again. */
  interruptedByKill: number;
}

export async function run(): Promise<BenchFigure[]> {
  const azurite = await startAzurite();
  try {
    const clean = await scenario(azurite.connectionString, { kill: false });
    const killed = await scenario(azurite.connectionString, { kill: true });
    return figures(clean, killed);
  } finally {
    await azurite.stop();
  }
}

function figures(clean: ScenarioResult, killed: ScenarioResult): BenchFigure[] {
  const size = `${REMINDERS.toLocaleString("en-US")} reminders → ${REMINDERS.toLocaleString("en-US")} conversations${FULL ? "" : ", scaled down"}`;
  const wallGoal = `≤ ${Math.round(GOAL_SECONDS)} s (floor ${FLOOR_SECONDS} s at ${APP_LIMIT_PER_SECOND} req/s)`;
  return [
    { name: `reminder fan-out wall time from the due time (${size})`, value: clean.wallSeconds, unit: "s", goal: wallGoal },
    { name: `reminder fan-out preparation before the due time (${size})`, value: clean.preparationSeconds, unit: "s", goal: `within the ${PREPARE_AHEAD_MS / 60_000}-minute preparation window` },
    { name: `reminder fan-out duplicates (${size})`, value: clean.duplicates, unit: "messages", goal: "0" },
    { name: `reminder fan-out lost (${size})`, value: clean.lost, unit: "reminders", goal: "0" },
    { name: `reminder fan-out 429s from the connector (${size})`, value: clean.throttled, unit: "responses", goal: "≈ 0: paced under the limit; any 429 is retried after its Retry-After" },
    { name: `reminder fan-out wall time, dispatcher killed and restarted midway (${size})`, value: killed.wallSeconds, unit: "s", goal: wallGoal },
    { name: `reminder fan-out duplicates, dispatcher killed midway (${size})`, value: killed.duplicates, unit: "messages", goal: "0" },
    { name: `reminder fan-out lost, dispatcher killed midway (${size})`, value: killed.lost, unit: "reminders", goal: "0" },
    { name: `reminder fan-out sends interrupted by the kill, sent again (${size})`, value: killed.interruptedByKill, unit: "messages", goal: "few; each a duplicate only if it had reached the connector" },
  ];
}

async function scenario(connectionString: string, options: { kill: boolean }): Promise<ScenarioResult> {
  const prefix = `bench${randomUUID().replace(/-/g, "").slice(0, 10)}`;
  const storage = new AzureTableStoreFactory({ kind: "connection-string", connectionString }, prefix);
  const connector = await startLocalConnector({ rateLimits: { perAppPerSecond: APP_LIMIT_PER_SECOND, perConversationPerSecond: CONVERSATION_LIMIT_PER_SECOND } });
  const workers: ChildProcess[] = [];
  const spawnAt = (owner: string, clockStart: Date): ChildProcess => {
    const worker = spawnWorker({ connectionString, prefix, owner, clockStart });
    workers.push(worker);
    return worker;
  };
  try {
    const context: ReminderContext = { repositories: await openRepositories(storage), queue: await ReminderQueue.open(storage), clock: manualClock(new Date("2026-03-01T00:00:00Z")), logger: createLogger("warn") };
    await seed(context, connector.url);
    process.stdout.write(`  seeded ${REMINDERS} circles (${options.kill ? "kill" : "clean"} run); preparing…\n`);
    const preparing = Date.now();
    let worker = spawnAt("worker-1", new Date(DUE.getTime() - PREPARE_AHEAD_MS + 5_000));
    await untilAsync(async () => (await queuedDeliveries(context)) >= REMINDERS, 10 * 60_000);
    const preparationSeconds = seconds(Date.now() - preparing);
    const started = Date.now();
    worker.kill("SIGUSR2");
    let interruptedByKill = 0;
    if (options.kill) {
      await until(() => distinctConversations(connector) >= REMINDERS / 2, FLOOR_SECONDS * 3_000);
      worker.kill("SIGKILL");
      await exited(worker);
      interruptedByKill = (await context.queue.listAll()).filter((row) => row.data.lease?.sendingSince !== undefined).length;
      worker = spawnAt("worker-2", new Date(DUE.getTime() + (Date.now() - started)));
    }
    await until(() => distinctConversations(connector) >= REMINDERS, FLOOR_SECONDS * 3_000 + 60_000);
    const lastArrival = Math.max(...connector.calls.map((call) => call.at));
    if (process.env.REMINDER_BENCH_TRACE === "1") traceArrivals(connector.calls.map((call) => call.at), started, connector.throttled.map((call) => call.at));
    await new Promise((resolve) => setTimeout(resolve, 2 * BENCH_LEASE_MS));
    const posted = connector.calls.filter((call) => call.method === "POST" && call.conversationId !== undefined).length;
    return {
      wallSeconds: seconds(lastArrival - started),
      preparationSeconds,
      duplicates: posted - distinctConversations(connector),
      lost: REMINDERS - distinctConversations(connector),
      throttled: connector.throttled.length,
      interruptedByKill,
    };
  } finally {
    await Promise.all(workers.map(stopWorker));
    await connector.close();
  }
}

function seconds(milliseconds: number): number {
  return Math.round(milliseconds / 100) / 10;
}

async function queuedDeliveries(context: ReminderContext): Promise<number> {
  return (await context.queue.listAll()).filter((row) => row.data.type === "delivery").length;
}

async function stopWorker(worker: ChildProcess): Promise<void> {
  if (worker.exitCode !== null || worker.signalCode !== null) return;
  worker.kill("SIGTERM");
  const stopped = exited(worker);
  const timer = setTimeout(() => worker.kill("SIGKILL"), 5_000);
  await stopped;
  clearTimeout(timer);
}

async function seed(context: ReminderContext, serviceUrl: string): Promise<void> {
  await inParallel(REMINDERS, SEED_CONCURRENCY, async (index) => {
    const actor: Actor = { person: { tenantId: TENANT, userId: `user-${index}` }, company: { companyId: `company-${index}`, companyName: `Company ${index}` } };
    const circle = await createCircle(context, actor, `Circle ${index}`);
    await linkChannel(context, actor, circle.circleId, { conversationId: `19:bench-${index}@thread.tacv2`, serviceUrl, tenantId: TENANT, conversationType: "channel" });
    await setRhythm(context, actor, circle.circleId, WEEKLY);
  });
  const due = await context.queue.listDue(DUE);
  if (due.length !== REMINDERS) throw new Error(`Seeding queued ${due.length} reminders, expected ${REMINDERS}`);
}

/** Messages (and 429s) per second since the dispatcher started: shows stalls. */
function traceArrivals(arrivals: readonly number[], started: number, throttled: readonly number[]): void {
  const perSecond = (times: readonly number[]): number[] => times.reduce<number[]>((counts, at) => {
    const second = Math.floor((at - started) / 1000);
    counts[second] = (counts[second] ?? 0) + 1;
    return counts;
  }, []);
  process.stdout.write(`  messages per second: ${Array.from(perSecond(arrivals), (count) => count ?? 0).join(" ")}\n  429s per second: ${Array.from(perSecond(throttled), (count) => count ?? 0).join(" ")}\n`);
}

function distinctConversations(connector: LocalConnector): number {
  return new Set(connector.calls.filter((call) => call.method === "POST" && call.conversationId !== undefined).map((call) => call.conversationId)).size;
}

function spawnWorker(settings: { connectionString: string; prefix: string; owner: string; clockStart: Date }): ChildProcess {
  return spawn(process.execPath, ["--disable-warning=DEP0111", "--import", "tsx", fileURLToPath(import.meta.url), WORKER_FLAG], {
    env: {
      ...process.env,
      BENCH_CONNECTION_STRING: settings.connectionString,
      BENCH_TABLE_PREFIX: settings.prefix,
      BENCH_OWNER: settings.owner,
      BENCH_CLOCK_START: settings.clockStart.toISOString(),
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once("exit", () => resolve()));
}

async function untilAsync(condition: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Benchmark condition not reached within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Benchmark condition not reached within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function inParallel(count: number, concurrency: number, work: (index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) await work(next++);
    }),
  );
}

/** Calendar time that starts where the benchmark says and runs at real speed; `jumpTo` moves it forward. */
function runningClock(start: Date): Clock & { jumpTo(date: Date): void } {
  let offset = start.getTime() - Date.now();
  return {
    now: () => new Date(Date.now() + offset),
    jumpTo: (date) => {
      offset = Math.max(offset, date.getTime() - Date.now());
    },
  };
}

/** The dispatcher process: the real reminder service, as the server runs it, on the benchmark's tables. */
async function workerMain(): Promise<void> {
  const environment = process.env;
  const storage = new AzureTableStoreFactory({ kind: "connection-string", connectionString: environment.BENCH_CONNECTION_STRING ?? "" }, environment.BENCH_TABLE_PREFIX ?? "");
  const config = loadConfig({ NODE_ENV: "production", LOG_LEVEL: "warn" });
  const clock = runningClock(new Date(environment.BENCH_CLOCK_START ?? ""));
  // The benchmark says "now it is due" once every reminder is prepared.
  process.on("SIGUSR2", () => clock.jumpTo(DUE));
  const context: ServerContext = { config, logger: createLogger(config.logLevel), clock, storage, repositories: await openRepositories(storage) };
  const service = startReminderService(context, {
    owner: environment.BENCH_OWNER ?? "worker",
    leaseMs: BENCH_LEASE_MS,
    sendTimeoutMs: BENCH_SEND_TIMEOUT_MS,
    prepareAheadMs: PREPARE_AHEAD_MS,
    pollIntervalMs: 100,
    busyPauseMs: 20,
  });
  process.once("SIGTERM", () => void service.stop().then(() => process.exit(0)));
}

if (process.argv.includes(WORKER_FLAG)) {
  workerMain().catch((error: unknown) => {
    process.stderr.write(`reminder worker failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
}
