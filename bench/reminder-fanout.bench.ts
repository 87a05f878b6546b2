import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { manualClock, type Clock } from "../core/clock.js";
import type { Rhythm } from "../core/schedule/types.js";
import { createCircle, linkChannel, type Actor } from "../circles/index.js";
import type { ReminderContext } from "../reminders/context.js";
import { ReminderQueue } from "../reminders/queue.js";
import { setRhythm } from "../reminders/rhythms.js";
import { DEFAULT_DISPATCH, TEAMS_LIMITS } from "../reminders/limits.js";
import { startReminderService } from "../reminders/service.js";
import { loadConfig } from "../platform/config.js";
import type { ServerContext } from "../platform/context.js";
import { createLogger } from "../platform/logger.js";
import { startAzurite } from "../storage/azure/azurite.js";
import { AzureTableStoreFactory } from "../storage/azure/azure-table-store.js";
import { openRepositories } from "../storage/index.js";
import type { MemberRecord, PersonRef } from "../storage/records.js";
import { startLocalConnector, type LocalConnector } from "../test/support/connector.js";
import { recordFigures, type BenchFigure } from "./figures.js";

/**
 * `npm run bench reminder-fanout`: circles of 50 deliveries each (the linked channel and 49
 * opted-in people with a personal chat), a weekly meeting due at once, prepared and sent by two
 * dispatcher processes (the real reminder service) against Azurite and a local Bot Connector that
 * enforces Teams' limits across all callers (50 requests/s per tenant, 7/s per conversation, 429 +
 * Retry-After beyond). Three runs: 5,000 deliveries to one tenant; 50,000 over ten tenants (each
 * reminder reaches all ten); 5,000 to one tenant with one dispatcher SIGKILLed midway and
 * restarted. Default: scaled down (1,000 / 5,000 / 1,000, figures named "….quick");
 * REMINDER_BENCH_FULL=1 runs the full sizes.
 */
export const title = "Reminder preparation and fan-out through a connector enforcing Teams' per-tenant limits";

const WORKER_FLAG = "--reminder-fanout-worker";
const FULL = process.env.REMINDER_BENCH_FULL === "1";
const SUFFIX = FULL ? "" : ".quick";
const TENANT_LIMIT_PER_SECOND = TEAMS_LIMITS.perTenantPerSecond;
const CONVERSATION_LIMIT_PER_SECOND = 7;
const DELIVERIES_PER_CIRCLE = 50;
const PEOPLE_PER_COMPANY = 7;
/** Short for the benchmark, so that the killed worker's claims come back quickly; the send timeout stays well below it. */
const BENCH_LEASE_MS = 5_000;
const BENCH_SEND_TIMEOUT_MS = 2_000;
const PREPARE_AHEAD_MS = DEFAULT_DISPATCH.prepareAheadMs;
const DUE = new Date("2026-03-02T08:00:00Z");
const WEEKLY: Rhythm = { kind: "joint-planning", cadence: "weekly", day: { kind: "weekday", weekday: "tuesday" }, time: "09:00", timeZone: "Europe/Stockholm", paused: false };
const SEED_CONCURRENCY = 32;
const INSTANCES = 2;

interface Scenario {
  name: "two-instances" | "ten-tenants" | "killed";
  deliveries: number;
  tenants: number;
  kill: boolean;
}

/** REMINDER_BENCH_ONLY=ten-tenants runs one scenario. */
const SCENARIOS: readonly Scenario[] = (
  [
    { name: "two-instances", deliveries: FULL ? 5_000 : 1_000, tenants: 1, kill: false },
    { name: "killed", deliveries: FULL ? 5_000 : 1_000, tenants: 1, kill: true },
    { name: "ten-tenants", deliveries: FULL ? 50_000 : 5_000, tenants: 10, kill: false },
  ] as const
).filter((scenario) => !process.env.REMINDER_BENCH_ONLY || scenario.name === process.env.REMINDER_BENCH_ONLY);

interface ScenarioResult {
  scenario: Scenario;
  seedSeconds: number;
  /** From the moment the dispatchers reach the preparation window to every delivery queued. */
  preparationSeconds: number;
  /** From the due time to the last reminder delivered. */
  wallSeconds: number;
  floorSeconds: number;
  duplicates: number;
  lost: number;
  throttled: number;
  /** Sends the kill interrupted (marked "sending", no outcome): in doubt, sent again. */
  interruptedByKill: number;
}

export async function run(): Promise<BenchFigure[]> {
  const azurite = await startAzurite();
  try {
    const results: ScenarioResult[] = [];
    for (const scenario of SCENARIOS) {
      const result = await runScenario(azurite.connectionString, scenario);
      process.stdout.write(`  ${scenario.name}: ${JSON.stringify(result, (key, value: unknown) => (key === "scenario" ? undefined : value))}\n`);
      results.push(result);
      // Kept as each run ends, so that a later run's failure does not lose the earlier figures.
      await recordFigures(figuresOf(result));
    }
    return results.flatMap(figuresOf);
  } finally {
    await azurite.stop();
  }
}

function figuresOf(result: ScenarioResult): BenchFigure[] {
  const { scenario } = result;
  const size = `${scenario.deliveries.toLocaleString("en-US")} deliveries, ${scenario.tenants} tenant${scenario.tenants > 1 ? "s" : ""}, ${INSTANCES} dispatcher processes${scenario.kill ? ", one SIGKILLed midway and restarted" : ""}`;
  const base = `reminders.fanout.${scenario.name}`;
  const figures: BenchFigure[] = [
    { name: `${base}.wall-vs-floor${SUFFIX}`, value: round2(result.wallSeconds / result.floorSeconds), unit: "×", goal: `≤ 1.1 (${size}; wall ${result.wallSeconds} s from the due time, floor ${result.floorSeconds} s at ${TENANT_LIMIT_PER_SECOND}/s per tenant)` },
    { name: `${base}.wall${SUFFIX}`, value: result.wallSeconds, unit: "s", goal: `≤ ${round2(result.floorSeconds * 1.1)} s (${size})` },
    { name: `${base}.duplicates${SUFFIX}`, value: result.duplicates, unit: "messages", goal: "0" },
    { name: `${base}.lost${SUFFIX}`, value: result.lost, unit: "deliveries", goal: "0" },
    { name: `${base}.429s${SUFFIX}`, value: result.throttled, unit: "responses", goal: "≈ 0: all instances together stay under each tenant's limit" },
  ];
  if (scenario.kill) figures.push({ name: `${base}.interrupted-sends${SUFFIX}`, value: result.interruptedByKill, unit: "messages", goal: "few; each a duplicate only if it had reached the connector" });
  if (!scenario.kill) {
    figures.push({
      name: `reminders.prepare.per-second.${scenario.deliveries}${SUFFIX}`,
      value: Math.round(scenario.deliveries / result.preparationSeconds),
      unit: "deliveries/s",
      goal: `≥ 1,000 (${size}; ${result.preparationSeconds} s to prepare)`,
    });
  }
  return figures;
}

async function runScenario(connectionString: string, scenario: Scenario): Promise<ScenarioResult> {
  const prefix = `bench${randomUUID().replace(/-/g, "").slice(0, 10)}`;
  const storage = new AzureTableStoreFactory({ kind: "connection-string", connectionString }, prefix);
  const connector = await startLocalConnector({ rateLimits: { perTenantPerSecond: TENANT_LIMIT_PER_SECOND, perConversationPerSecond: CONVERSATION_LIMIT_PER_SECOND } });
  const workers: Worker[] = [];
  const start = async (owner: string, clockStart: Date): Promise<Worker> => {
    const worker = spawnWorker({ connectionString, prefix, owner, clockStart });
    workers.push(worker);
    await worker.ready;
    return worker;
  };
  try {
    const context: ReminderContext = { repositories: await openRepositories(storage), queue: await ReminderQueue.open(storage), clock: manualClock(new Date("2026-03-01T00:00:00Z")), logger: createLogger("warn") };
    const seeding = Date.now();
    const expected = await seed(context, connector.url, scenario);
    const seedSeconds = seconds(Date.now() - seeding);
    process.stdout.write(`  ${scenario.name}: seeded ${expected.size} conversations in ${seedSeconds} s; preparing…\n`);
    const running = await Promise.all(Array.from({ length: INSTANCES }, (_, index) => start(`worker-${index + 1}`, new Date(DUE.getTime() - PREPARE_AHEAD_MS - 60_000))));
    const preparing = Date.now();
    for (const worker of running) worker.process.kill("SIGUSR1");
    if (process.env.REMINDER_BENCH_LOG_LEVEL) process.stderr.write(`${preparing} preparation window opens\n`);
    const circles = scenario.deliveries / DELIVERIES_PER_CIRCLE;
    await until(() => running.reduce((sum, worker) => sum + worker.fannedOut(), 0) >= circles, 15 * 60_000);
    const preparationSeconds = seconds(Date.now() - preparing);
    process.stdout.write(`  ${scenario.name}: prepared in ${preparationSeconds} s; sending…\n`);
    if ((await context.queue.countOccurrencesDueBy(DUE)) > 0) throw new Error("Every reminder was reported fanned out, yet some are still queued");
    const arrivals = arrivalCounter(connector, expected);
    const started = Date.now();
    for (const worker of running) worker.process.kill("SIGUSR2");
    const floorSeconds = scenario.deliveries / (TENANT_LIMIT_PER_SECOND * scenario.tenants);
    let interruptedByKill = 0;
    if (scenario.kill) {
      await until(() => arrivals.distinct() >= expected.size / 2, floorSeconds * 3_000);
      const victim = running[0] as Worker;
      victim.process.kill("SIGKILL");
      await exited(victim.process);
      interruptedByKill = (await context.queue.listAll()).filter((row) => row.data.lease?.sendingSince !== undefined && row.data.lease.owner === "worker-1").length;
      await start("worker-1-restarted", new Date(DUE.getTime() + (Date.now() - started)));
    }
    // Bounded: a run that does not finish by then is reported as it stands (its wall time the bound, the rest lost).
    const finished = await within(() => arrivals.distinct() >= expected.size, floorSeconds * 6_000);
    const wallSeconds = seconds((finished ? arrivals.last() : Date.now()) - started);
    if (!finished) process.stdout.write(`  ${scenario.name}: not finished after ${wallSeconds} s; ${expected.size - arrivals.distinct()} deliveries outstanding\n`);
    await new Promise((resolve) => setTimeout(resolve, 2 * BENCH_LEASE_MS));
    return { scenario, seedSeconds, preparationSeconds, wallSeconds, floorSeconds, duplicates: arrivals.posts() - arrivals.distinct(), lost: expected.size - arrivals.distinct(), throttled: connector.throttled.length, interruptedByKill };
  } finally {
    await Promise.all(workers.map(stopWorker));
    await connector.close();
  }
}

/** Counts the expected conversations reached, incrementally (the connector's call list grows to tens of thousands). */
function arrivalCounter(connector: LocalConnector, expected: ReadonlySet<string>): { distinct(): number; posts(): number; last(): number } {
  const reached = new Set<string>();
  let seen = 0;
  let posts = 0;
  let last = 0;
  const update = (): void => {
    for (; seen < connector.calls.length; seen += 1) {
      const call = connector.calls[seen];
      if (!call || call.method !== "POST" || call.conversationId === undefined) continue;
      posts += 1;
      last = Math.max(last, call.at);
      if (expected.has(call.conversationId)) reached.add(call.conversationId);
    }
  };
  return {
    distinct: () => (update(), reached.size),
    posts: () => (update(), posts),
    last: () => (update(), last),
  };
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

function seconds(milliseconds: number): number {
  return Math.round(milliseconds / 100) / 10;
}

/** Circles of DELIVERIES_PER_CIRCLE targets; person p and circle c's channel are in tenant (p or c) mod tenants. Returns every conversation that should get the reminder. */
async function seed(context: ReminderContext, serviceUrl: string, scenario: Scenario): Promise<Set<string>> {
  const circles = scenario.deliveries / DELIVERIES_PER_CIRCLE;
  const expected = new Set<string>();
  await inParallel(circles, SEED_CONCURRENCY, async (index) => {
    const tenantOf = (n: number): string => `bench-tenant-${n % scenario.tenants}`;
    const founder: PersonRef = { tenantId: tenantOf(index), userId: `founder-${index}` };
    const actor: Actor = { person: founder, company: { companyId: `company-${index}-0`, companyName: `Company ${index}-0` } };
    const circle = await createCircle(context, actor, `Circle ${index}`);
    const channelId = `19:bench-${index}@thread.tacv2`;
    await linkChannel(context, actor, circle.circleId, { conversationId: channelId, serviceUrl, tenantId: tenantOf(index), conversationType: "channel" });
    expected.add(channelId);
    const people = Array.from({ length: DELIVERIES_PER_CIRCLE - 2 }, (_, offset): PersonRef => ({ tenantId: tenantOf(index + offset + 1), userId: `person-${index}-${offset}` }));
    for (const person of [founder, ...people]) expected.add(await optIn(context, serviceUrl, person));
    for (let company = 0; company * PEOPLE_PER_COMPANY < people.length; company += 1) {
      const member: MemberRecord = {
        circleId: circle.circleId,
        company: { companyId: `company-${index}-${company + 1}`, companyName: `Company ${index}-${company + 1}` },
        status: "member",
        people: people.slice(company * PEOPLE_PER_COMPANY, (company + 1) * PEOPLE_PER_COMPANY),
        joinedAt: "2026-03-01T00:00:00Z",
      };
      await context.repositories.circles.saveMember(circle, member);
    }
    await setRhythm(context, actor, circle.circleId, WEEKLY);
  });
  return expected;
}

/** The person asked for reminders in their personal chat, which exists. Returns the chat's id. */
async function optIn(context: ReminderContext, serviceUrl: string, person: PersonRef): Promise<string> {
  const now = "2026-03-01T00:00:00.000Z";
  const conversationId = `a:chat-${person.userId}`;
  await Promise.all([
    context.repositories.people.saveProfile({ person, personalReminders: true, updatedAt: now }),
    context.repositories.conversations.save({ conversationId, conversationType: "personal", tenantId: person.tenantId, serviceUrl, reference: { conversation: { id: conversationId } }, person, active: true, installedAt: now, updatedAt: now }),
  ]);
  return conversationId;
}

interface Worker {
  process: ChildProcess;
  /** Resolves once the worker's service runs. */
  ready: Promise<void>;
  /** Occurrences this worker fanned out so far. */
  fannedOut(): number;
}

function spawnWorker(settings: { connectionString: string; prefix: string; owner: string; clockStart: Date }): Worker {
  const child = spawn(process.execPath, ["--disable-warning=DEP0111", "--import", "tsx", fileURLToPath(import.meta.url), WORKER_FLAG], {
    env: {
      ...process.env,
      BENCH_CONNECTION_STRING: settings.connectionString,
      BENCH_TABLE_PREFIX: settings.prefix,
      BENCH_OWNER: settings.owner,
      BENCH_CLOCK_START: settings.clockStart.toISOString(),
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let fannedOut = 0;
  const ready = new Promise<void>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout as NonNullable<typeof child.stdout> });
    lines.on("line", (line) => {
      if (line === "ready") resolve();
      else if (line.startsWith("fanned-out ")) fannedOut += Number(line.slice("fanned-out ".length));
      else if (process.env.REMINDER_BENCH_LOG_LEVEL) process.stderr.write(`${Date.now()} ${settings.owner}: ${line.slice(0, 400)}\n`);
    });
    child.once("exit", () => reject(new Error(`worker ${settings.owner} exited before it was ready`)));
  });
  ready.catch(() => undefined);
  return { process: child, ready, fannedOut: () => fannedOut };
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once("exit", () => resolve()));
}

async function stopWorker(worker: Worker): Promise<void> {
  const child = worker.process;
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill("SIGTERM");
  const stopped = exited(child);
  const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
  await stopped;
  clearTimeout(timer);
}

async function within(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return true;
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
  const config = loadConfig({ NODE_ENV: "production", LOG_LEVEL: environment.REMINDER_BENCH_LOG_LEVEL ?? "warn" });
  const clock = runningClock(new Date(environment.BENCH_CLOCK_START ?? ""));
  // The benchmark says when the preparation window opens (SIGUSR1) and when the reminders are due (SIGUSR2).
  process.on("SIGUSR1", () => clock.jumpTo(new Date(DUE.getTime() - PREPARE_AHEAD_MS + 5_000)));
  process.on("SIGUSR2", () => clock.jumpTo(DUE));
  const context: ServerContext = { config, logger: createLogger(config.logLevel), clock, storage, repositories: await openRepositories(storage) };
  const service = startReminderService(context, {
    owner: environment.BENCH_OWNER ?? "worker",
    leaseMs: BENCH_LEASE_MS,
    sendTimeoutMs: BENCH_SEND_TIMEOUT_MS,
    prepareAheadMs: PREPARE_AHEAD_MS,
    pollIntervalMs: 100,
    busyPauseMs: 20,
    // The benchmark counts fan-outs from these lines: polling the queue would cost Azurite, whose queries scan the whole table, more than the work measured.
    onPass: (summary) => {
      if (summary.fannedOut > 0) process.stdout.write(`fanned-out ${summary.fannedOut}\n`);
    },
  });
  process.stdout.write("ready\n");
  process.once("SIGTERM", () => void service.stop().then(() => process.exit(0)));
}

if (process.argv.includes(WORKER_FLAG)) {
  workerMain().catch((error: unknown) => {
    process.stderr.write(`reminder worker failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
}
