import { systemClock } from "../core/clock.js";
import { openRepositories } from "../storage/index.js";
import { openStorage } from "../storage/connect.js";
import { startServer } from "./compose.js";
import { ConfigError, loadConfig, type AppConfig } from "./config.js";
import { createLogger } from "./logger.js";

/** `npm start`: configuration → storage (embedded Azurite unless configured) → server. */
async function main(): Promise<void> {
  const config = readConfigOrExit();
  const logger = createLogger(config.logLevel);
  const storage = await openStorage(config.storage);
  const repositories = await openRepositories(storage.factory);
  const running = await startServer({ config, logger, clock: systemClock, storage: storage.factory, repositories });
  logger.info({ url: running.url, storage: storage.description, botAuth: config.bot ? "Bot Framework JWT" : "none (local mode)" }, "server started");
  printAddresses(running.url, storage.description);
  const shutdown = async (signal: string): Promise<void> => {
    logger.info({ signal }, "shutting down");
    await running.close();
    await storage.close();
    process.exit(0);
  };
  process.once("SIGINT", () => void shutdown("SIGINT"));
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
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

function printAddresses(url: string, storageDescription: string): void {
  process.stderr.write(
    [
      "",
      "Partnering Maturity is running:",
      `  Health:        ${url}/healthz`,
      `  Bot endpoint:  ${url}/api/messages`,
      `  Storage:       ${storageDescription}`,
      "",
    ].join("\n"),
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`Failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
