import { randomUUID } from "node:crypto";
import { inject } from "vitest";
import { AzureTableStoreFactory } from "../../storage/azure/azure-table-store.js";
import { MemoryTableStoreFactory } from "../../storage/memory/memory-table-store.js";
import type { TableStoreFactory } from "../../storage/table-store.js";

/** Table names must be alphanumeric; a fresh prefix per call keeps tests apart on the shared Azurite. */
export function uniqueTablePrefix(): string {
  return "t" + randomUUID().replace(/-/g, "").slice(0, 12);
}

export function azuriteFactory(): AzureTableStoreFactory {
  return new AzureTableStoreFactory({ kind: "connection-string", connectionString: inject("azuriteConnectionString") }, uniqueTablePrefix());
}

/** Both implementations, for contract tests that must hold for each. */
export const STORE_KINDS: readonly { kind: string; create: () => TableStoreFactory }[] = [
  { kind: "in-memory", create: () => new MemoryTableStoreFactory() },
  { kind: "Azure Table Storage on Azurite", create: () => azuriteFactory() },
];
