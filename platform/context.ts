import type { JWTVerifyGetKey } from "jose";
import type { Clock } from "../core/clock.js";
import type { Repositories } from "../storage/index.js";
import type { TableStoreFactory } from "../storage/table-store.js";
import type { AppConfig } from "./config.js";
import type { Logger } from "./logger.js";

/** What every module of the server is given: nothing is read from globals. */
export interface ServerContext {
  config: AppConfig;
  logger: Logger;
  clock: Clock;
  storage: TableStoreFactory;
  repositories: Repositories;
  /**
   * The keys that sign Teams SSO tokens for a tenant. Absent: the tenant's published key set at
   * login.microsoftonline.com. Tests pass a local key set.
   */
  tabSigningKeys?: (tenantId: string) => JWTVerifyGetKey;
  /** Where Bot Framework's token signing keys are published. Absent: Bot Framework's public endpoints. Tests pass a local address. */
  botSigningKeySources?: BotSigningKeySources;
}

export interface BotSigningKeySources {
  /** OpenID metadata for tokens from the Bot Connector (Teams). */
  channelOpenIdMetadataUrl: string;
  /** OpenID metadata for tokens from the Bot Framework Emulator. */
  emulatorOpenIdMetadataUrl: string;
}
