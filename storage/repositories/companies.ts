import { companyKeys, TABLES } from "../partitions.js";
import type { CompanyCircleRecord, CompanyRecord } from "../records.js";
import type { StoredRow, TableStore, TableStoreFactory } from "../table-store.js";

/** Verified companies (one per Entra tenant) and the circles each is in, in the circles table. */
export class CompanyRepository {
  private constructor(private readonly circles: TableStore) {}

  static async open(factory: TableStoreFactory): Promise<CompanyRepository> {
    return new CompanyRepository(await factory.table(TABLES.circles));
  }

  async get(companyId: string): Promise<StoredRow<CompanyRecord> | undefined> {
    return this.circles.get<CompanyRecord>(companyKeys.partition(companyId), companyKeys.profileRow());
  }

  /** Fails with EntityExistsError when the company was named already (two first people at once). */
  async create(record: CompanyRecord): Promise<string> {
    return this.circles.insert(companyKeys.partition(record.companyId), companyKeys.profileRow(), record);
  }

  /** Fails with ConcurrencyError when the company changed since it was read. */
  async replace(record: CompanyRecord, etag: string): Promise<string> {
    return this.circles.replace(companyKeys.partition(record.companyId), companyKeys.profileRow(), record, etag);
  }

  /** The company's circles (index rows kept by CircleRepository; check the member row before trusting one). */
  async listCircles(companyId: string): Promise<CompanyCircleRecord[]> {
    const rows = await this.circles.list<CompanyCircleRecord>(companyKeys.partition(companyId), { prefix: companyKeys.circlePrefix() });
    return rows.map((row) => row.data);
  }
}
