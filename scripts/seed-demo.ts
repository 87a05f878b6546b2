import { systemClock } from "../core/clock.js";
import { loadConfig, ConfigError, type AppConfig } from "../platform/config.js";
import { isRunning, lastLocalRun, type LocalRun } from "../platform/local-run.js";
import { DEFAULT_LOCAL_USER, SECOND_LOCAL_USER } from "../platform/local-users.js";
import { openStorage } from "../storage/connect.js";
import { openRepositories, StorageLayoutError } from "../storage/index.js";
import { openReminderContext, setRhythm, type SavedRhythm } from "../reminders/index.js";
import { describeRhythm, RHYTHM_NAMES } from "../core/schedule/index.js";
import { createLogger } from "../platform/logger.js";
import { buildDemoCircle, DEMO_JOINT_PLANNING, type DemoCircle } from "../tab/demo/demo-circle.js";
import { writeDemoCircle } from "../tab/demo/write-demo.js";
import type { Repositories } from "../storage/index.js";
import type { TableStoreFactory } from "../storage/table-store.js";

/**
 * `npm run seed-demo`: fills the storage `npm start` uses (same configuration) with the demo circle
 * "Northwest Alliance", replacing an earlier demo. The local development user is a member, so the
 * tab shows a full dashboard at once. With the embedded Azurite, run it while the app is stopped:
 * the running app's Azurite holds the same data folder and would overwrite the demo when it saves.
 */
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const run = config.storage.kind === "embedded-azurite" ? await lastLocalRun(config.storage.dataDirectory) : undefined;
  if (config.storage.kind === "embedded-azurite" && (isRunning(run) || (await appIsRunning(config)))) {
    fail(`The app is running on port ${run?.port ?? config.port} with the same local data folder. Stop it (Ctrl+C in its terminal), run "npm run seed-demo", then "npm start" again.`);
  }
  const storage = await openStorage(config.storage);
  try {
    const repositories = await openRepositories(storage.factory);
    const demo = buildDemoCircle({ now: systemClock.now() });
    const rows = await writeDemoCircle(storage.factory, repositories, demo);
    const rhythm = await setDemoRhythm(storage.factory, repositories, demo);
    const cycles = new Set(demo.assessments.map((assessment) => assessment.cycle));
    process.stdout.write(
      [
        `Demo circle "${demo.circle.name}" written to ${storage.description}:`,
        `  ${demo.members.length} member companies, ${cycles.size} cycles (${[...cycles].join(", ")}), ${demo.leads.length} leads passed between them, ${rows} rows.`,
        ...(rhythm ? [`  ${RHYTHM_NAMES[rhythm.record.rhythm.kind]}: ${describeRhythm(rhythm.record.rhythm)}, with its reminders queued.`] : []),
        `  Each company is its own organisation (tenant). The Playground's user, ${DEFAULT_LOCAL_USER.name}, is of ${demo.members[0]?.company.companyName ?? ""};`,
        `  ${SECOND_LOCAL_USER.name} (npm run playground:second) is of ${demo.members[1]?.company.companyName ?? ""}.`,
        `Now run "npm start" and open ${dashboardAddress(config, run)}`,
        "",
      ].join("\n"),
    );
  } finally {
    await storage.close();
  }
}

/**
 * The joint planning rhythm the demo's meetings follow, set as a member would set it (the reminder
 * is queued too), so the rhythms section and the meetings agree.
 */
async function setDemoRhythm(storage: TableStoreFactory, repositories: Repositories, demo: DemoCircle): Promise<SavedRhythm | undefined> {
  const founder = demo.members[0];
  if (!founder) return undefined;
  const context = await openReminderContext({ repositories, storage, clock: systemClock, logger: createLogger("silent") });
  const person = { tenantId: DEFAULT_LOCAL_USER.tenantId, userId: DEFAULT_LOCAL_USER.aadObjectId, aadObjectId: DEFAULT_LOCAL_USER.aadObjectId };
  return setRhythm(context, { person, company: founder.company }, demo.circle.circleId, DEMO_JOINT_PLANNING);
}

/** The address the app serves the tab on: the PORT given now, else the one it last ran on, else the default. */
function dashboardAddress(config: AppConfig, run: LocalRun | undefined): string {
  const port = process.env.PORT || !run ? config.port : run.port;
  return `http://127.0.0.1:${port}/tab/`;
}

async function appIsRunning(config: AppConfig): Promise<boolean> {
  try {
    const response = await fetch(`http://127.0.0.1:${config.port}/healthz`, { signal: AbortSignal.timeout(1_000) });
    return response.ok || response.status === 503;
  } catch {
    return false;
  }
}

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

main().catch((error: unknown) => {
  fail(error instanceof ConfigError || error instanceof StorageLayoutError ? error.message : `Could not write the demo circle: ${error instanceof Error ? error.stack : String(error)}`);
});
