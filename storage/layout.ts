import { layoutKeys, TABLES } from "./partitions.js";
import type { LayoutRecord } from "./records.js";
import { EntityExistsError, type TableStoreFactory } from "./table-store.js";

/**
 * The layout of keys and records this version writes. Version 2: companies are verified
 * organisations keyed by their Entra tenant id, invitations are codes, each person's assessment has
 * its own row. Version 1 keyed companies by the name a person typed.
 */
export const STORAGE_LAYOUT_VERSION = 2;

/** Storage holds data this version cannot read; the message says what to do. */
export class StorageLayoutError extends Error {
  override readonly name = "StorageLayoutError";
}

/**
 * Marks empty storage with the current layout, and refuses storage written by the earlier,
 * name-keyed layout: a company there is only a typed name, which cannot be tied to an organisation
 * without trusting that name, so its data is never mixed with verified companies.
 */
export async function ensureStorageLayout(factory: TableStoreFactory, now: Date): Promise<void> {
  const circles = await factory.table(TABLES.circles);
  const marker = await circles.get<LayoutRecord>(layoutKeys.partition(), layoutKeys.row());
  if (marker) {
    if (marker.data.version === STORAGE_LAYOUT_VERSION) return;
    throw new StorageLayoutError(
      `The storage holds data of layout version ${marker.data.version}, and this version of the app reads only version ${STORAGE_LAYOUT_VERSION}. Run the app version that wrote it, or point this one at other tables (a new TABLES_PREFIX).`,
    );
  }
  const people = await factory.table(TABLES.people);
  const [earlierCircleRow, earlierPersonRow] = await Promise.all([circles.anyRowOutside([layoutKeys.partition()]), people.anyRowOutside([])]);
  if (earlierCircleRow || earlierPersonRow) {
    throw new StorageLayoutError(
      "The storage holds circles and assessments from an earlier version of the app, in which a company was the name a person typed. " +
        "They cannot be moved to verified organisations (Microsoft Entra tenants) safely, so this version will not mix them with new data. " +
        "To start afresh: locally, stop the app and delete the .data folder (or set DATA_DIR to a new folder); on Azure, set TABLES_PREFIX to a new prefix, which creates new tables and leaves the old ones untouched for export.",
    );
  }
  try {
    await circles.insert<LayoutRecord>(layoutKeys.partition(), layoutKeys.row(), { version: STORAGE_LAYOUT_VERSION, writtenAt: now.toISOString() });
  } catch (error) {
    if (!(error instanceof EntityExistsError)) throw error;
  }
}
