import { TableClient, TableServiceClient } from "@azure/data-tables";

/** Every row of every table with this prefix, as "table/partition/row → properties", to prove a request changed nothing. */
export async function storedData(connectionString: string, tablePrefix: string): Promise<Record<string, unknown>> {
  const service = TableServiceClient.fromConnectionString(connectionString, { allowInsecureConnection: true });
  const rows: Record<string, unknown> = {};
  for await (const table of service.listTables()) {
    const name = table.name ?? "";
    if (!name.startsWith(tablePrefix)) continue;
    const client = TableClient.fromConnectionString(connectionString, name, { allowInsecureConnection: true });
    for await (const entity of client.listEntities()) {
      const { partitionKey, rowKey, etag, timestamp, ...properties } = entity as Record<string, unknown>;
      rows[`${name}/${String(partitionKey)}/${String(rowKey)}`] = { etag, properties };
    }
  }
  return rows;
}
