/**
 * The small storage interface everything else is written against: partitions of rows,
 * each row a JSON document with an ETag. Azure Table Storage is the real implementation;
 * an in-memory one passes the same contract tests for fast unit tests.
 */

export interface StoredRow<T> {
  partitionKey: string;
  rowKey: string;
  etag: string;
  data: T;
}

/** Rows of one partition, in row-key order. Bounds are on encoded keys. */
export interface RowRange {
  /** Only rows whose key starts with this prefix. */
  prefix?: string;
  /** Inclusive lower bound. */
  from?: string;
  /** Exclusive upper bound. */
  to?: string;
}

export type RowOperation<T> =
  | { kind: "insert"; rowKey: string; data: T }
  | { kind: "upsert"; rowKey: string; data: T }
  | { kind: "replace"; rowKey: string; data: T; etag: string }
  /** Unconditional: Azure's transaction API sends deletes without If-Match. Deleting a missing row fails the transaction. */
  | { kind: "delete"; rowKey: string };

/** Azure's limit: one transaction holds at most 100 operations on one partition. */
export const MAX_TRANSACTION_OPERATIONS = 100;
/** Azure's limit: one query page returns at most 1,000 rows. */
export const MAX_PAGE_SIZE = 1000;

export interface TableStore {
  readonly name: string;
  get<T extends object>(partitionKey: string, rowKey: string): Promise<StoredRow<T> | undefined>;
  /** Every row of one partition within the range, following continuation tokens. */
  list<T extends object>(partitionKey: string, range?: RowRange): Promise<StoredRow<T>[]>;
  /** Fails with EntityExistsError when the row exists. */
  insert<T extends object>(partitionKey: string, rowKey: string, data: T): Promise<string>;
  /** Fails with ConcurrencyError when the row changed since `etag` was read, EntityNotFoundError when it is gone. */
  replace<T extends object>(partitionKey: string, rowKey: string, data: T, etag: string): Promise<string>;
  upsert<T extends object>(partitionKey: string, rowKey: string, data: T): Promise<string>;
  /** With an etag: fails with ConcurrencyError when the row changed. Deleting a missing row is not an error. */
  delete(partitionKey: string, rowKey: string, etag?: string): Promise<void>;
  /** All operations on one partition succeed together or none does. Returns the new etags (undefined for deletes). */
  transact<T extends object>(partitionKey: string, operations: readonly RowOperation<T>[]): Promise<(string | undefined)[]>;
  /** The keys of some row outside the given partitions, or undefined when there is none (a one-row probe of the table). */
  anyRowOutside(partitionKeys: readonly string[]): Promise<{ partitionKey: string; rowKey: string } | undefined>;
}

export interface TableStoreFactory {
  /** Opens (creating when needed) the table with this logical name. */
  table(name: string): Promise<TableStore>;
  /** Whether the storage service answers; used by /healthz. */
  ping(): Promise<boolean>;
}

export class StorageError extends Error {
  override name = "StorageError";
}
export class EntityExistsError extends StorageError {
  override name = "EntityExistsError";
}
export class EntityNotFoundError extends StorageError {
  override name = "EntityNotFoundError";
}
/** The row changed since it was read (HTTP 412): read again and retry, or tell the person. */
export class ConcurrencyError extends StorageError {
  override name = "ConcurrencyError";
}
/**
 * The storage service could not be reached or did not answer (connection refused or reset, timeout,
 * name lookup failure, HTTP 5xx): a dependency is down, not the caller's mistake. Try again later.
 */
export class StorageUnavailableError extends StorageError {
  override name = "StorageUnavailableError";
}
export class InvalidKeyError extends StorageError {
  override name = "InvalidKeyError";
}
export class TransactionError extends StorageError {
  override name = "TransactionError";
  constructor(
    message: string,
    readonly failedIndex: number | undefined,
    override readonly cause: Error,
  ) {
    super(message);
  }
}

/** The smallest string greater than every string that starts with `prefix`. */
export function prefixUpperBound(prefix: string): string {
  const last = prefix.charCodeAt(prefix.length - 1);
  return prefix.slice(0, -1) + String.fromCharCode(last + 1);
}

export function rangeBounds(range: RowRange = {}): { from: string | undefined; to: string | undefined } {
  let from = range.from;
  let to = range.to;
  if (range.prefix) {
    if (from === undefined || from < range.prefix) from = range.prefix;
    const prefixEnd = prefixUpperBound(range.prefix);
    if (to === undefined || to > prefixEnd) to = prefixEnd;
  }
  return { from, to };
}
