import { inject } from "vitest";
import { manualClock, systemClock, type Clock } from "../../core/clock.js";
import { AzureTableStoreFactory } from "../../storage/azure/azure-table-store.js";
import { openRepositories } from "../../storage/index.js";
import type { TableStoreFactory } from "../../storage/table-store.js";
import { startServer, type RunningServer } from "../../server/compose.js";
import { loadConfig } from "../../platform/config.js";
import type { ServerContext } from "../../platform/context.js";
import { createLogger } from "../../platform/logger.js";
import { uniqueTablePrefix } from "./stores.js";

export { manualClock };

export interface TestServer extends RunningServer {
  context: ServerContext;
  /** Stops this server and starts a new one on the same storage (and port): a restart. */
  restart(): Promise<TestServer>;
}

export interface TestServerOptions {
  env?: Record<string, string>;
  clock?: Clock;
  /** Reuse the storage of an earlier server (same Azurite tables). */
  storage?: TableStoreFactory;
  backgroundServices?: boolean;
  /** Signing keys for tab SSO tokens (see ServerContext.tabSigningKeys). */
  tabSigningKeys?: ServerContext["tabSigningKeys"];
  /** Where Bot Framework's signing keys are fetched from (see ServerContext.botSigningKeySources). */
  botSigningKeySources?: ServerContext["botSigningKeySources"];
}

/** The real server on a free loopback port, on Azurite tables of its own. */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const storage = options.storage ?? new AzureTableStoreFactory({ kind: "connection-string", connectionString: inject("azuriteConnectionString") }, uniqueTablePrefix());
  return startOn(storage, options, 0);
}

async function startOn(storage: TableStoreFactory, options: TestServerOptions, port: number): Promise<TestServer> {
  const config = loadConfig({ NODE_ENV: "test", LOG_LEVEL: "silent", PORT: "3978", ...options.env });
  const context: ServerContext = {
    config,
    logger: createLogger(config.logLevel),
    clock: options.clock ?? systemClock,
    storage,
    repositories: await openRepositories(storage),
    tabSigningKeys: options.tabSigningKeys,
    botSigningKeySources: options.botSigningKeySources,
  };
  const running = await startServer(context, { port, host: "127.0.0.1", backgroundServices: options.backgroundServices ?? false });
  return {
    ...running,
    context,
    restart: async () => {
      await running.close();
      return startOn(storage, options, running.port);
    },
  };
}
