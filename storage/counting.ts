import type { RowOperation, RowRange, StoredRow, TableStore, TableStoreFactory } from "./table-store.js";

/** Counts storage round trips (one per call; a list counts each page of up to 1,000 rows). For benchmarks. */
export interface CountingFactory extends TableStoreFactory {
  readonly requests: number;
  reset(): void;
}

export function countingFactory(inner: TableStoreFactory): CountingFactory {
  const counter = { requests: 0 };
  const wrapped = new Map<string, TableStore>();
  return {
    get requests() {
      return counter.requests;
    },
    reset: () => {
      counter.requests = 0;
    },
    ping: () => inner.ping(),
    table: async (name) => {
      const existing = wrapped.get(name);
      if (existing) return existing;
      const table = new CountingTableStore(await inner.table(name), counter);
      wrapped.set(name, table);
      return table;
    },
  };
}

class CountingTableStore implements TableStore {
  constructor(
    private readonly inner: TableStore,
    private readonly counter: { requests: number },
  ) {}

  get name(): string {
    return this.inner.name;
  }

  get<T extends object>(partitionKey: string, rowKey: string): Promise<StoredRow<T> | undefined> {
    this.counter.requests += 1;
    return this.inner.get<T>(partitionKey, rowKey);
  }

  async list<T extends object>(partitionKey: string, range?: RowRange): Promise<StoredRow<T>[]> {
    const rows = await this.inner.list<T>(partitionKey, range);
    this.counter.requests += Math.max(1, Math.ceil(rows.length / 1000));
    return rows;
  }

  insert<T extends object>(partitionKey: string, rowKey: string, data: T): Promise<string> {
    this.counter.requests += 1;
    return this.inner.insert(partitionKey, rowKey, data);
  }

  replace<T extends object>(partitionKey: string, rowKey: string, data: T, etag: string): Promise<string> {
    this.counter.requests += 1;
    return this.inner.replace(partitionKey, rowKey, data, etag);
  }

  upsert<T extends object>(partitionKey: string, rowKey: string, data: T): Promise<string> {
    this.counter.requests += 1;
    return this.inner.upsert(partitionKey, rowKey, data);
  }

  delete(partitionKey: string, rowKey: string, etag?: string): Promise<void> {
    this.counter.requests += 1;
    return this.inner.delete(partitionKey, rowKey, etag);
  }

  anyRowOutside(partitionKeys: readonly string[]): Promise<{ partitionKey: string; rowKey: string } | undefined> {
    this.counter.requests += 1;
    return this.inner.anyRowOutside(partitionKeys);
  }

  transact<T extends object>(partitionKey: string, operations: readonly RowOperation<T>[]): Promise<(string | undefined)[]> {
    this.counter.requests += 1;
    return this.inner.transact(partitionKey, operations);
  }
}
