import { assertValidKey } from "../keys.js";
import {
  ConcurrencyError,
  EntityExistsError,
  EntityNotFoundError,
  MAX_TRANSACTION_OPERATIONS,
  TransactionError,
  rangeBounds,
  type RowOperation,
  type RowRange,
  type StoredRow,
  type TableStore,
  type TableStoreFactory,
} from "../table-store.js";

interface MemoryRow {
  etag: string;
  json: string;
}
type Partition = Map<string, MemoryRow>;
type MemoryOperation<T> = RowOperation<T> | { kind: "delete"; rowKey: string; etag?: string };

/** In-memory TableStore for fast unit tests. Behaves like Azure Tables (same contract tests). */
export class MemoryTableStore implements TableStore {
  private readonly partitions = new Map<string, Partition>();
  private etagCounter = 0;

  constructor(readonly name: string) {}

  async get<T extends object>(partitionKey: string, rowKey: string): Promise<StoredRow<T> | undefined> {
    const row = this.partitions.get(partitionKey)?.get(rowKey);
    return row ? toStored<T>(partitionKey, rowKey, row) : undefined;
  }

  async anyRowOutside(partitionKeys: readonly string[]): Promise<{ partitionKey: string; rowKey: string } | undefined> {
    for (const [partitionKey, partition] of this.partitions) {
      const [rowKey] = partition.keys();
      if (rowKey !== undefined && !partitionKeys.includes(partitionKey)) return { partitionKey, rowKey };
    }
    return undefined;
  }

  async list<T extends object>(partitionKey: string, range?: RowRange): Promise<StoredRow<T>[]> {
    const partition = this.partitions.get(partitionKey);
    if (!partition) return [];
    const { from, to } = rangeBounds(range);
    return [...partition.entries()]
      .filter(([rowKey]) => (from === undefined || rowKey >= from) && (to === undefined || rowKey < to))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([rowKey, row]) => toStored<T>(partitionKey, rowKey, row));
  }

  async insert<T extends object>(partitionKey: string, rowKey: string, data: T): Promise<string> {
    return this.applyAll(partitionKey, [{ kind: "insert", rowKey, data }])[0] as string;
  }

  async replace<T extends object>(partitionKey: string, rowKey: string, data: T, etag: string): Promise<string> {
    return this.applyAll(partitionKey, [{ kind: "replace", rowKey, data, etag }])[0] as string;
  }

  async upsert<T extends object>(partitionKey: string, rowKey: string, data: T): Promise<string> {
    return this.applyAll(partitionKey, [{ kind: "upsert", rowKey, data }])[0] as string;
  }

  async delete(partitionKey: string, rowKey: string, etag?: string): Promise<void> {
    try {
      this.applyAll(partitionKey, [etag === undefined ? { kind: "delete", rowKey } : { kind: "delete", rowKey, etag }]);
    } catch (error) {
      if (!(error instanceof EntityNotFoundError)) throw error;
    }
  }

  async transact<T extends object>(partitionKey: string, operations: readonly RowOperation<T>[]): Promise<(string | undefined)[]> {
    if (operations.length === 0) return [];
    if (operations.length > MAX_TRANSACTION_OPERATIONS) {
      throw new TransactionError(`A transaction holds at most ${MAX_TRANSACTION_OPERATIONS} operations.`, undefined, new Error("too many operations"));
    }
    const rowKeys = new Set(operations.map((op) => op.rowKey));
    if (rowKeys.size !== operations.length) {
      throw new TransactionError("A transaction may touch each row only once.", undefined, new Error("duplicate row"));
    }
    try {
      return this.applyAll(partitionKey, operations);
    } catch (error) {
      const failedIndex = error instanceof IndexedFailure ? error.index : undefined;
      const cause = error instanceof IndexedFailure ? error.cause : (error as Error);
      throw new TransactionError(`Transaction failed: ${cause.message}`, failedIndex, cause);
    }
  }

  /** Validates every operation against a copy, then commits the copy: all or nothing. */
  private applyAll<T extends object>(partitionKey: string, operations: readonly MemoryOperation<T>[]): (string | undefined)[] {
    assertValidKey("PartitionKey", partitionKey);
    const staged: Partition = new Map(this.partitions.get(partitionKey) ?? []);
    const etags = operations.map((operation, index) => {
      try {
        return this.applyOne(staged, operation);
      } catch (error) {
        if (operations.length === 1) throw error;
        throw new IndexedFailure(index, error as Error);
      }
    });
    this.partitions.set(partitionKey, staged);
    return etags;
  }

  private applyOne<T extends object>(partition: Partition, operation: MemoryOperation<T>): string | undefined {
    assertValidKey("RowKey", operation.rowKey);
    const existing = partition.get(operation.rowKey);
    switch (operation.kind) {
      case "insert":
        if (existing) throw new EntityExistsError(`Row ${operation.rowKey} already exists.`);
        return this.write(partition, operation.rowKey, operation.data);
      case "upsert":
        return this.write(partition, operation.rowKey, operation.data);
      case "replace":
        if (!existing) throw new EntityNotFoundError(`Row ${operation.rowKey} does not exist.`);
        if (existing.etag !== operation.etag) throw new ConcurrencyError(`Row ${operation.rowKey} changed since it was read.`);
        return this.write(partition, operation.rowKey, operation.data);
      case "delete":
        if (!existing) throw new EntityNotFoundError(`Row ${operation.rowKey} does not exist.`);
        if ("etag" in operation && operation.etag !== undefined && existing.etag !== operation.etag) {
          throw new ConcurrencyError(`Row ${operation.rowKey} changed since it was read.`);
        }
        partition.delete(operation.rowKey);
        return undefined;
    }
  }

  private write(partition: Partition, rowKey: string, data: object): string {
    this.etagCounter += 1;
    const etag = `W/"mem-${this.etagCounter}"`;
    partition.set(rowKey, { etag, json: JSON.stringify(data) });
    return etag;
  }
}

class IndexedFailure extends Error {
  constructor(
    readonly index: number,
    override readonly cause: Error,
  ) {
    super(cause.message);
  }
}

function toStored<T>(partitionKey: string, rowKey: string, row: MemoryRow): StoredRow<T> {
  return { partitionKey, rowKey, etag: row.etag, data: JSON.parse(row.json) as T };
}

export class MemoryTableStoreFactory implements TableStoreFactory {
  private readonly tables = new Map<string, MemoryTableStore>();

  async table(name: string): Promise<TableStore> {
    let table = this.tables.get(name);
    if (!table) {
      table = new MemoryTableStore(name);
      this.tables.set(name, table);
    }
    return table;
  }

  async ping(): Promise<boolean> {
    return true;
  }
}
