import { z } from "zod";
import type { StorageSettings } from "../storage/connect.js";
import type { TabLinks } from "./tab-links.js";

/**
 * All configuration, read once at start from the environment and checked with a schema.
 * Error messages say what to set, so that a person can fix a failed start without reading code.
 */
const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .optional();

const environmentSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"], { message: "NODE_ENV must be development, production or test" }).default("development"),
    PORT: z.coerce
      .number({ message: "PORT must be a port number, e.g. 3978" })
      .int("PORT must be a whole number, e.g. 3978")
      .min(1, "PORT must be between 1 and 65535")
      .max(65535, "PORT must be between 1 and 65535")
      .default(3978),
    HOST: z.string().default("127.0.0.1"),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"], { message: "LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent" }).default("info"),
    TABLES_CONNECTION_STRING: optionalText,
    TABLES_ACCOUNT_URL: optionalText.pipe(z.url({ message: "TABLES_ACCOUNT_URL must be the storage account's table endpoint, e.g. https://myaccount.table.core.windows.net" }).optional()),
    TABLES_PREFIX: z
      .string()
      .regex(/^[A-Za-z][A-Za-z0-9]{0,19}$/, "TABLES_PREFIX must start with a letter and hold at most 20 letters or digits (Azure table names are alphanumeric)")
      .default("pm"),
    DATA_DIR: z.string().default(".data"),
    MicrosoftAppId: optionalText,
    MicrosoftAppPassword: optionalText,
    MicrosoftAppTenantId: optionalText,
    /** The client id of the user-assigned managed identity that a federated credential on the bot's Entra app trusts. */
    MicrosoftAppClientId: optionalText,
    // MultiTenant stays the default only for registrations made before 31 July 2025 (see docs/identity.md).
    MicrosoftAppType: z.enum(["MultiTenant", "SingleTenant", "UserAssignedMSI"], { message: "MicrosoftAppType must be MultiTenant, SingleTenant or UserAssignedMSI" }).default("MultiTenant"),
    TAB_CLIENT_ID: optionalText,
    TAB_TENANT_ID: optionalText,
    TAB_ALLOWED_TENANTS: optionalText,
    TAB_ENDPOINT: optionalText.pipe(z.url({ protocol: /^https?$/, message: "TAB_ENDPOINT must be the tab's public address, e.g. https://pm-app.azurewebsites.net" }).optional()),
    TEAMS_APP_ID: optionalText,
    PLAYGROUND: z.enum(["on", "off"], { message: "PLAYGROUND must be on or off" }).optional(),
    PLAYGROUND_PORT: z.coerce.number({ message: "PLAYGROUND_PORT must be a port number, e.g. 56150" }).int().min(1).max(65535).default(56150),
  })
  .superRefine((env, context) => {
    if (env.TABLES_CONNECTION_STRING && env.TABLES_ACCOUNT_URL) {
      context.addIssue({ code: "custom", path: ["TABLES_ACCOUNT_URL"], message: "Set either TABLES_CONNECTION_STRING or TABLES_ACCOUNT_URL, not both" });
    }
    for (const problem of botCredentialProblems(env)) context.addIssue({ code: "custom", path: [problem.variable], message: problem.message });
  });

export type StorageConfig = StorageSettings;

/**
 * How the bot proves who it is to the Bot Connector (bot/teams/credentials.ts turns it into botbuilder's
 * credential factory). The app type names the Azure Bot registration's "type of app", never who may use
 * the bot: a SingleTenant registration serves every organisation (docs/identity.md).
 */
export type BotCredentials =
  /** The Entra app's client secret; tenant undefined only for a MultiTenant registration made before 31 July 2025. */
  | { mode: "client-secret"; appType: "SingleTenant" | "MultiTenant"; appId: string; appTenantId: string | undefined; appPassword: string }
  /** The Azure Bot is the user-assigned managed identity itself (appId is its client id). */
  | { mode: "managed-identity"; appType: "UserAssignedMSI"; appId: string; appTenantId: string }
  /** The Entra app trusts a user-assigned managed identity through a federated identity credential: no secret. */
  | { mode: "federated"; appType: "SingleTenant"; appId: string; appTenantId: string; managedIdentityClientId: string };

export interface TabSsoConfig {
  clientId: string;
  /** The tenant of the app registration; tokens from other tenants are refused unless listed in allowedTenants. */
  tenantId: string | undefined;
  allowedTenants: readonly string[];
}

export interface AppConfig {
  environment: "development" | "production" | "test";
  port: number;
  host: string;
  logLevel: "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
  storage: StorageConfig;
  /** Undefined: local mode, the bot accepts unauthenticated requests. */
  bot: BotCredentials | undefined;
  /** Undefined: local mode, the tab API takes the user from a development header. */
  tabSso: TabSsoConfig | undefined;
  /** Where cards link to the tab: TAB_ENDPOINT (locally the server's own address) and TEAMS_APP_ID. */
  tabLinks: TabLinks;
  /** The Agents Playground started by `npm start`; undefined in production or when PLAYGROUND=off. */
  playground: { port: number; workingDirectory: string } | undefined;
}

export class ConfigError extends Error {
  override name = "ConfigError";
  constructor(readonly problems: readonly string[]) {
    super(`The app cannot start; fix its configuration:\n${problems.map((problem) => `  - ${problem}`).join("\n")}`);
  }
}

export function loadConfig(environment: Readonly<Record<string, string | undefined>>): AppConfig {
  const parsed = environmentSchema.safeParse(environment);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => issue.message));
  }
  const env = parsed.data;
  return {
    environment: env.NODE_ENV,
    port: env.PORT,
    host: env.HOST,
    logLevel: env.LOG_LEVEL,
    storage: storageConfig(env.TABLES_CONNECTION_STRING, env.TABLES_ACCOUNT_URL, env.DATA_DIR, env.TABLES_PREFIX),
    bot: botCredentials(env),
    tabSso: env.TAB_CLIENT_ID
      ? { clientId: env.TAB_CLIENT_ID, tenantId: env.TAB_TENANT_ID, allowedTenants: splitList(env.TAB_ALLOWED_TENANTS) }
      : undefined,
    tabLinks: { endpoint: (env.TAB_ENDPOINT ?? `http://${env.HOST === "0.0.0.0" ? "127.0.0.1" : env.HOST}:${env.PORT}`).replace(/\/+$/, ""), teamsAppId: env.TEAMS_APP_ID },
    playground: (env.PLAYGROUND ?? (env.NODE_ENV === "development" ? "on" : "off")) === "on" ? { port: env.PLAYGROUND_PORT, workingDirectory: env.DATA_DIR } : undefined,
  };
}

interface BotEnvironment {
  MicrosoftAppId?: string | undefined;
  MicrosoftAppPassword?: string | undefined;
  MicrosoftAppTenantId?: string | undefined;
  MicrosoftAppClientId?: string | undefined;
  MicrosoftAppType: "MultiTenant" | "SingleTenant" | "UserAssignedMSI";
}

/** What is missing or contradictory in the bot's settings, each as a sentence that says what to set. */
function botCredentialProblems(env: BotEnvironment): { variable: keyof BotEnvironment; message: string }[] {
  const type = env.MicrosoftAppType;
  if (!env.MicrosoftAppId) {
    return type === "MultiTenant" ? [] : [{ variable: "MicrosoftAppId", message: `MicrosoftAppId is required when MicrosoftAppType is ${type}` }];
  }
  const problems: { variable: keyof BotEnvironment; message: string }[] = [];
  if (type !== "MultiTenant" && !env.MicrosoftAppTenantId) {
    problems.push({ variable: "MicrosoftAppTenantId", message: `MicrosoftAppTenantId is required when MicrosoftAppType is ${type}` });
  }
  if (type === "UserAssignedMSI") {
    if (env.MicrosoftAppPassword || env.MicrosoftAppClientId) {
      problems.push({ variable: "MicrosoftAppPassword", message: "MicrosoftAppPassword and MicrosoftAppClientId must not be set when MicrosoftAppType is UserAssignedMSI (MicrosoftAppId is the managed identity's client id)" });
    }
  } else if (type === "MultiTenant") {
    if (env.MicrosoftAppClientId) problems.push({ variable: "MicrosoftAppClientId", message: "MicrosoftAppClientId (a federated credential) needs MicrosoftAppType SingleTenant" });
    else if (!env.MicrosoftAppPassword) problems.push({ variable: "MicrosoftAppPassword", message: "MicrosoftAppPassword is required when MicrosoftAppId is set (the bot's client secret)" });
  } else if (env.MicrosoftAppPassword && env.MicrosoftAppClientId) {
    problems.push({ variable: "MicrosoftAppClientId", message: "Set either MicrosoftAppPassword (a client secret) or MicrosoftAppClientId (a managed identity trusted by a federated credential), not both" });
  } else if (!env.MicrosoftAppPassword && !env.MicrosoftAppClientId) {
    problems.push({
      variable: "MicrosoftAppPassword",
      message: "A SingleTenant bot needs MicrosoftAppPassword (the Entra app's client secret) or MicrosoftAppClientId (the client id of a managed identity its federated credential trusts)",
    });
  }
  return problems;
}

/** Only called on settings botCredentialProblems accepted. */
function botCredentials(env: BotEnvironment): BotCredentials | undefined {
  const { MicrosoftAppId: appId, MicrosoftAppTenantId: appTenantId, MicrosoftAppPassword: appPassword, MicrosoftAppClientId: managedIdentityClientId } = env;
  if (!appId) return undefined;
  if (env.MicrosoftAppType === "UserAssignedMSI") return { mode: "managed-identity", appType: "UserAssignedMSI", appId, appTenantId: appTenantId ?? "" };
  if (env.MicrosoftAppType === "SingleTenant" && managedIdentityClientId) {
    return { mode: "federated", appType: "SingleTenant", appId, appTenantId: appTenantId ?? "", managedIdentityClientId };
  }
  return { mode: "client-secret", appType: env.MicrosoftAppType, appId, appTenantId, appPassword: appPassword ?? "" };
}

function storageConfig(connectionString: string | undefined, accountUrl: string | undefined, dataDirectory: string, tablePrefix: string): StorageConfig {
  if (connectionString) return { kind: "connection-string", connectionString, tablePrefix };
  if (accountUrl) return { kind: "account-url", accountUrl, tablePrefix };
  return { kind: "embedded-azurite", dataDirectory, tablePrefix };
}

function splitList(value: string | undefined): string[] {
  return (value ?? "")
    .split(",")
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}
