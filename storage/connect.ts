import path from "node:path";
import { mkdir } from "node:fs/promises";
import { DefaultAzureCredential } from "@azure/identity";
import type { TokenCredential } from "@azure/core-auth";
import { startAzurite, type RunningAzurite } from "./azure/azurite.js";
import { AzureTableStoreFactory, type TableConnection } from "./azure/azure-table-store.js";
import type { TableStoreFactory } from "./table-store.js";

export type StorageSettings =
  | { kind: "connection-string"; connectionString: string; tablePrefix: string }
  | { kind: "account-url"; accountUrl: string; tablePrefix: string }
  | { kind: "embedded-azurite"; dataDirectory: string; tablePrefix: string };

export interface OpenStorage {
  factory: TableStoreFactory;
  /** Where the data lives, for the start-up message (never includes a key). */
  description: string;
  close(): Promise<void>;
}

/**
 * Opens storage from configuration. With an account URL the credential is DefaultAzureCredential,
 * which in App Service picks up the app's user-assigned managed identity (AZURE_CLIENT_ID names it):
 * no storage key in app settings. Tests pass their own credential.
 */
export async function openStorage(settings: StorageSettings, options: { credential?: TokenCredential } = {}): Promise<OpenStorage> {
  switch (settings.kind) {
    case "connection-string":
      return staticStorage({ kind: "connection-string", connectionString: settings.connectionString }, settings.tablePrefix, "Azure Table Storage (connection string)");
    case "account-url":
      return staticStorage(
        { kind: "account-url", accountUrl: settings.accountUrl, credential: options.credential ?? new DefaultAzureCredential() },
        settings.tablePrefix,
        `Azure Table Storage at ${settings.accountUrl} (Entra ID credential)`,
      );
    case "embedded-azurite":
      return embeddedAzurite(settings.dataDirectory, settings.tablePrefix);
  }
}

function staticStorage(connection: TableConnection, tablePrefix: string, description: string): OpenStorage {
  return { factory: new AzureTableStoreFactory(connection, tablePrefix), description, close: async () => undefined };
}

async function embeddedAzurite(dataDirectory: string, tablePrefix: string): Promise<OpenStorage> {
  const location = path.resolve(dataDirectory, "azurite");
  await mkdir(location, { recursive: true });
  const azurite: RunningAzurite = await startAzurite({ location });
  return {
    factory: new AzureTableStoreFactory({ kind: "connection-string", connectionString: azurite.connectionString }, tablePrefix),
    description: `embedded Azurite on 127.0.0.1:${azurite.port}, data in ${location}`,
    close: () => azurite.stop(),
  };
}
