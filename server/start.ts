import { systemClock } from "../core/clock.js";
import { openRepositories, StorageLayoutError, type Repositories } from "../storage/index.js";
import { openStorage, type OpenStorage } from "../storage/connect.js";
import { startServer } from "./compose.js";
import { ConfigError, loadConfig, type AppConfig } from "../platform/config.js";
import { createLogger, type Logger } from "../platform/logger.js";
import { startPlayground, type RunningPlayground } from "./playground.js";
import { recordLocalRun } from "../platform/local-run.js";
import { SECOND_LOCAL_USER } from "../platform/local-users.js";
import { guardProcess } from "./process-guard.js";

/**
 * The server's entry point: configuration → storage (embedded Azurite unless configured) → server.
 * `npm start` runs it with tsx from the sources; App Service runs the compiled dist/server/start.js.
 */
async function main(): Promise<void> {
  const config = readConfigOrExit();
  const logger = createLogger(config.logLevel);
  const storage = await openStorage(config.storage);
  const repositories = await openRepositoriesOrExit(storage);
  const running = await startServer({ config, logger, clock: systemClock, storage: storage.factory, repositories });
  logger.info({ url: running.url, storage: storage.description, botAuth: config.bot ? `Bot Framework JWT (${config.bot.appType} bot, credentials: ${config.bot.mode})` : "none (local mode)" }, "server started");
  const playground = config.playground ? await startPlaygroundOrWarn(`${running.url}/api/messages`, config.playground, logger) : undefined;
  printAddresses(running.url, storage.description, playground?.url);
  const localData = config.storage.kind === "embedded-azurite" ? config.storage.dataDirectory : undefined;
  if (localData) await recordLocalRun(localData, { port: running.port, pid: process.pid, url: running.url });
  let stopping: Promise<void> | undefined;
  const shutdown = (reason: string, exitCode: number): Promise<void> =>
    (stopping ??= (async () => {
      logger.info({ reason }, "shutting down");
      // Requests still running get this long to finish.
      setTimeout(() => process.exit(exitCode), 10_000).unref();
      await playground?.stop();
      await running.close();
      await storage.close();
      if (localData) await recordLocalRun(localData, { port: running.port, pid: null, url: running.url });
      process.exit(exitCode);
    })());
  guardProcess(running.edge, logger, (exitCode) => shutdown("uncaught exception", exitCode));
  process.once("SIGINT", () => void shutdown("SIGINT", 0));
  process.once("SIGTERM", () => void shutdown("SIGTERM", 0));
}

/** Storage written by an earlier, incompatible layout stops the start with the sentence that says what to do. */
async function openRepositoriesOrExit(storage: OpenStorage): Promise<Repositories> {
  try {
    return await openRepositories(storage.factory);
  } catch (error) {
    if (!(error instanceof StorageLayoutError)) throw error;
    process.stderr.write(`${error.message}\n`);
    await storage.close();
    process.exit(1);
  }
}

function readConfigOrExit(): AppConfig {
  try {
    return loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

async function startPlaygroundOrWarn(botEndpoint: string, settings: { port: number; workingDirectory: string }, logger: Logger): Promise<RunningPlayground | undefined> {
  try {
    // Its log folder (devTools/) goes beside the local data, not into the repository.
    const playground = await startPlayground({ botEndpoint, ...settings });
    if (!playground) logger.warn("the Agents Playground is not installed (npm install brings it); the bot still answers on /api/messages");
    return playground;
  } catch (error) {
    logger.warn({ error: error instanceof Error ? error.message : String(error) }, "the Agents Playground did not start; the bot still answers on /api/messages");
    return undefined;
  }
}

function printAddresses(url: string, storageDescription: string, playgroundUrl: string | undefined): void {
  process.stderr.write(
    [
      "",
      "Partnering Maturity is running:",
      `  Chat with the bot:  ${playgroundUrl ?? "(Agents Playground off)"}   — type "assess"`,
      `  Dashboard tab:      ${url}/tab/`,
      `  Bot endpoint:       ${url}/api/messages`,
      `  Health:             ${url}/healthz`,
      `  Storage:            ${storageDescription}`,
      "",
      "A second organisation (another Microsoft 365 tenant) to invite into your circle:",
      "  Chat as Megan Bowen: npm run playground:second   (in another terminal)",
      `  Her dashboard tab:   ${url}/tab/?devUser=${encodeURIComponent(`${SECOND_LOCAL_USER.tenantId}/${SECOND_LOCAL_USER.aadObjectId}`)}`,
      "",
    ].join("\n"),
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`Failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
