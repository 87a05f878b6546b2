import { RestError, TableClient, TableServiceClient, odata, type TableEntity, type TableEntityResult, type TransactionAction } from "@azure/data-tables";
import type { TokenCredential } from "@azure/core-auth";
import { assertValidKey } from "../keys.js";
import {
  ConcurrencyError,
  EntityExistsError,
  EntityNotFoundError,
  MAX_PAGE_SIZE,
  MAX_TRANSACTION_OPERATIONS,
  StorageError,
  StorageUnavailableError,
  TransactionError,
  rangeBounds,
  type RowOperation,
  type RowRange,
  type StoredRow,
  type TableStore,
  type TableStoreFactory,
} from "../table-store.js";

/**
 * A row's JSON is stored in string properties of at most CHUNK_LENGTH characters
 * (Azure: a string property holds at most 64 KiB of UTF-16, i.e. 32 Ki characters).
 */
const CHUNK_LENGTH = 30_000;
const CHUNK_PROPERTY = "json";

type RowEntity = TableEntity<Record<string, string | number>>;

/** TableStore on Azure Table Storage (or Azurite). */
export class AzureTableStore implements TableStore {
  constructor(private readonly client: TableClient) {}

  get name(): string {
    return this.client.tableName;
  }

  async get<T extends object>(partitionKey: string, rowKey: string): Promise<StoredRow<T> | undefined> {
    assertValidKey("PartitionKey", partitionKey);
    assertValidKey("RowKey", rowKey);
    try {
      const entity = await this.client.getEntity<Record<string, string | number>>(partitionKey, rowKey);
      return fromEntity<T>(entity);
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw mapError(error);
    }
  }

  async list<T extends object>(partitionKey: string, range?: RowRange): Promise<StoredRow<T>[]> {
    assertValidKey("PartitionKey", partitionKey);
    const filter = partitionFilter(partitionKey, range);
    const rows: StoredRow<T>[] = [];
    try {
      const pages = this.client.listEntities<Record<string, string | number>>({ queryOptions: { filter } }).byPage({ maxPageSize: MAX_PAGE_SIZE });
      for await (const page of pages) {
        for (const entity of page) rows.push(fromEntity<T>(entity));
      }
    } catch (error) {
      throw mapError(error);
    }
    return rows;
  }

  async anyRowOutside(partitionKeys: readonly string[]): Promise<{ partitionKey: string; rowKey: string } | undefined> {
    const filter = partitionKeys.map((key) => odata`PartitionKey ne ${key}`).join(" and ");
    try {
      const pages = this.client.listEntities({ queryOptions: { ...(filter ? { filter } : {}), select: ["PartitionKey", "RowKey"] } }).byPage({ maxPageSize: 1 });
      for await (const page of pages) {
        const [entity] = page;
        if (entity) return { partitionKey: String(entity.partitionKey), rowKey: String(entity.rowKey) };
      }
      return undefined;
    } catch (error) {
      throw mapError(error);
    }
  }

  async insert<T extends object>(partitionKey: string, rowKey: string, data: T): Promise<string> {
    try {
      const response = await this.client.createEntity(toEntity(partitionKey, rowKey, data));
      return requireEtag(response.etag);
    } catch (error) {
      throw mapError(error);
    }
  }

  async replace<T extends object>(partitionKey: string, rowKey: string, data: T, etag: string): Promise<string> {
    try {
      const response = await this.client.updateEntity(toEntity(partitionKey, rowKey, data), "Replace", { etag });
      return requireEtag(response.etag);
    } catch (error) {
      throw mapError(error);
    }
  }

  async upsert<T extends object>(partitionKey: string, rowKey: string, data: T): Promise<string> {
    try {
      const response = await this.client.upsertEntity(toEntity(partitionKey, rowKey, data), "Replace");
      return requireEtag(response.etag);
    } catch (error) {
      throw mapError(error);
    }
  }

  async delete(partitionKey: string, rowKey: string, etag?: string): Promise<void> {
    assertValidKey("PartitionKey", partitionKey);
    assertValidKey("RowKey", rowKey);
    try {
      await this.client.deleteEntity(partitionKey, rowKey, etag === undefined ? undefined : { etag });
    } catch (error) {
      if (statusOf(error) === 404) return;
      throw mapError(error);
    }
  }

  async transact<T extends object>(partitionKey: string, operations: readonly RowOperation<T>[]): Promise<(string | undefined)[]> {
    if (operations.length === 0) return [];
    if (operations.length > MAX_TRANSACTION_OPERATIONS) {
      throw new TransactionError(`A transaction holds at most ${MAX_TRANSACTION_OPERATIONS} operations.`, undefined, new Error("too many operations"));
    }
    const actions = operations.map((operation) => toAction(partitionKey, operation));
    try {
      const response = await this.client.submitTransaction(actions);
      return operations.map((operation, index) => (operation.kind === "delete" ? undefined : response.subResponses[index]?.etag));
    } catch (error) {
      const cause = mapError(error);
      if (cause instanceof StorageUnavailableError) throw cause;
      throw new TransactionError(`Transaction failed: ${cause.message}`, failedIndexOf(error), cause);
    }
  }
}

function toAction<T extends object>(partitionKey: string, operation: RowOperation<T>): TransactionAction {
  switch (operation.kind) {
    case "insert":
      return ["create", toEntity(partitionKey, operation.rowKey, operation.data)];
    case "upsert":
      return ["upsert", toEntity(partitionKey, operation.rowKey, operation.data), "Replace"];
    case "replace":
      return ["update", toEntity(partitionKey, operation.rowKey, operation.data), "Replace", { etag: operation.etag }];
    case "delete":
      assertValidKey("RowKey", operation.rowKey);
      return ["delete", { partitionKey, rowKey: operation.rowKey }];
  }
}

function toEntity(partitionKey: string, rowKey: string, data: object): RowEntity {
  assertValidKey("PartitionKey", partitionKey);
  assertValidKey("RowKey", rowKey);
  const json = JSON.stringify(data);
  const entity: RowEntity = { partitionKey, rowKey, chunks: Math.max(1, Math.ceil(json.length / CHUNK_LENGTH)) };
  for (let index = 0; index * CHUNK_LENGTH < json.length || index === 0; index += 1) {
    entity[`${CHUNK_PROPERTY}${index}`] = json.slice(index * CHUNK_LENGTH, (index + 1) * CHUNK_LENGTH);
  }
  return entity;
}

function fromEntity<T>(entity: TableEntityResult<Record<string, string | number>>): StoredRow<T> {
  const chunks = Number(entity.chunks ?? 1);
  let json = "";
  for (let index = 0; index < chunks; index += 1) json += String(entity[`${CHUNK_PROPERTY}${index}`] ?? "");
  return { partitionKey: entity.partitionKey ?? "", rowKey: entity.rowKey ?? "", etag: requireEtag(entity.etag), data: JSON.parse(json) as T };
}

function partitionFilter(partitionKey: string, range?: RowRange): string {
  const { from, to } = rangeBounds(range);
  let filter = odata`PartitionKey eq ${partitionKey}`;
  if (from !== undefined) filter += " and " + odata`RowKey ge ${from}`;
  if (to !== undefined) filter += " and " + odata`RowKey lt ${to}`;
  return filter;
}

function requireEtag(etag: string | undefined): string {
  if (!etag) throw new StorageError("Azure Table Storage answered without an ETag.");
  return etag;
}

function statusOf(error: unknown): number | undefined {
  return error instanceof RestError ? error.statusCode : undefined;
}

function failedIndexOf(error: unknown): number | undefined {
  // Batch errors carry "<index>:<message>" in the error message, e.g. "0:The specified entity already exists."
  const match = error instanceof Error ? /(?:^|\n)(\d+):/.exec(error.message) : null;
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

/** Answers that mean the service is down or overloaded, not that the request was wrong. */
const UNAVAILABLE_STATUSES = new Set([500, 502, 503, 504]);
/** Errors of the credential (managed identity, Entra ID) that keep every request from being sent. */
const CREDENTIAL_FAILURES = new Set(["CredentialUnavailableError", "AuthenticationError", "AggregateAuthenticationError"]);

function mapError(error: unknown): Error {
  if (error instanceof StorageError) return error;
  const status = statusOf(error);
  const message = error instanceof Error ? error.message.split("\n")[0] ?? error.message : String(error);
  if (status === 409) return new EntityExistsError(message);
  if (status === 404) return new EntityNotFoundError(message);
  if (status === 412) return new ConcurrencyError(message);
  if (isUnavailable(error, status)) return new StorageUnavailableError(message, { cause: error });
  return error instanceof Error ? error : new StorageError(message);
}

/**
 * The service could not be reached or gave up: a RestError without a status is a network failure
 * (refused, reset, timed out, name not found — after the SDK's own retries), a 5xx is the service
 * failing, an AbortError a timeout.
 */
function isUnavailable(error: unknown, status: number | undefined): boolean {
  if (error instanceof RestError) return status === undefined || UNAVAILABLE_STATUSES.has(status);
  const name = error instanceof Error ? error.name : "";
  return name === "AbortError" || name === "TimeoutError" || CREDENTIAL_FAILURES.has(name);
}

export type TableConnection =
  | { kind: "connection-string"; connectionString: string }
  | { kind: "account-url"; accountUrl: string; credential: TokenCredential };

/** Opens tables named `${prefix}${logicalName}`; a prefix keeps test runs and environments apart. */
export class AzureTableStoreFactory implements TableStoreFactory {
  private readonly created = new Map<string, Promise<TableStore>>();

  constructor(
    private readonly connection: TableConnection,
    private readonly tablePrefix = "",
  ) {}

  table(name: string): Promise<TableStore> {
    const tableName = `${this.tablePrefix}${name}`;
    let table = this.created.get(tableName);
    if (!table) {
      table = this.openTable(tableName);
      this.created.set(tableName, table);
      table.catch(() => this.created.delete(tableName));
    }
    return table;
  }

  async ping(): Promise<boolean> {
    try {
      const service = this.serviceClient();
      await service.listTables().byPage({ maxPageSize: 1 }).next();
      return true;
    } catch {
      return false;
    }
  }

  private async openTable(tableName: string): Promise<TableStore> {
    const client = this.tableClient(tableName);
    try {
      await client.createTable();
    } catch (error) {
      throw mapError(error);
    }
    return new AzureTableStore(client);
  }

  private tableClient(tableName: string): TableClient {
    const insecure = { allowInsecureConnection: isHttp(this.connection) };
    return this.connection.kind === "connection-string"
      ? TableClient.fromConnectionString(this.connection.connectionString, tableName, insecure)
      : new TableClient(this.connection.accountUrl, tableName, this.connection.credential, insecure);
  }

  /** A health check answers at once: no retries. */
  private serviceClient(): TableServiceClient {
    const insecure = { allowInsecureConnection: isHttp(this.connection), retryOptions: { maxRetries: 0 } };
    return this.connection.kind === "connection-string"
      ? TableServiceClient.fromConnectionString(this.connection.connectionString, insecure)
      : new TableServiceClient(this.connection.accountUrl, this.connection.credential, insecure);
  }
}

function isHttp(connection: TableConnection): boolean {
  return connection.kind === "connection-string" ? /TableEndpoint=http:/i.test(connection.connectionString) || /UseDevelopmentStorage=true/i.test(connection.connectionString) : connection.accountUrl.startsWith("http:");
}
