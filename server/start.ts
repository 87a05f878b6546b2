import { openStorage } from "../storage/connect.js";
import { createApp, type RouteModule } from "./app.js";
import { ConfigError, loadConfig, type AppConfig } from "./config.js";
import { createLogger, type Logger } from "./logger.js";

/** `npm start`: configuration → storage (embedded Azurite unless configured) → server. */
async function main(): Promise<void> {
  const config = readConfigOrExit();
  const logger = createLogger(config.logLevel);
  const storage = await openStorage(config.storage);
  const server = createApp({ logger, storage: storage.factory, routes: routeModules(config, logger) });
  await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));
  const url = `http://${config.host === "0.0.0.0" ? "127.0.0.1" : config.host}:${config.port}`;
  logger.info({ url, storage: storage.description, botAuth: config.bot ? "Bot Framework JWT" : "none (local mode)" }, "server started");
  printAddresses(url, storage.description);
  const shutdown = async (signal: string): Promise<void> => {
    logger.info({ signal }, "shutting down");
    server.close();
    await storage.close();
    process.exit(0);
  };
  process.once("SIGINT", () => void shutdown("SIGINT"));
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
}

function routeModules(_config: AppConfig, _logger: Logger): RouteModule[] {
  return [];
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
