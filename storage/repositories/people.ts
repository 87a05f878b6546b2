import { personKeys, TABLES } from "../partitions.js";
import type { AssessmentRecord, DraftRecord, PersonRef, ProfileRecord } from "../records.js";
import { ConcurrencyError, EntityExistsError, EntityNotFoundError, type StoredRow, type TableStore, type TableStoreFactory } from "../table-store.js";

const PROFILE_UPDATE_ATTEMPTS = 5;

type PersonKey = Pick<PersonRef, "tenantId" | "userId">;

/** A person's own partition: their profile, their assessments in progress and their circle index. */
export class PeopleRepository {
  private constructor(private readonly people: TableStore) {}

  static async open(factory: TableStoreFactory): Promise<PeopleRepository> {
    return new PeopleRepository(await factory.table(TABLES.people));
  }

  async getProfile(person: PersonKey): Promise<StoredRow<ProfileRecord> | undefined> {
    return this.people.get<ProfileRecord>(personKeys.partition(person.tenantId, person.userId), personKeys.profileRow());
  }

  async saveProfile(profile: ProfileRecord): Promise<string> {
    return this.people.upsert(personKeys.partition(profile.person.tenantId, profile.person.userId), personKeys.profileRow(), profile);
  }

  /**
   * Read-change-write of the profile under its ETag, retried when someone else wrote in between,
   * so that two changes made at once (a company from an assessment, "reminders on") both stay.
   */
  async updateProfile(person: PersonRef, change: (current: ProfileRecord | undefined) => ProfileRecord): Promise<ProfileRecord> {
    const partition = personKeys.partition(person.tenantId, person.userId);
    for (let attempt = 1; ; attempt += 1) {
      const current = await this.getProfile(person);
      const next = change(current?.data);
      try {
        if (current) await this.people.replace(partition, personKeys.profileRow(), next, current.etag);
        else await this.people.insert(partition, personKeys.profileRow(), next);
        return next;
      } catch (error) {
        const raced = error instanceof ConcurrencyError || error instanceof EntityExistsError || error instanceof EntityNotFoundError;
        if (!raced || attempt >= PROFILE_UPDATE_ATTEMPTS) throw error;
      }
    }
  }

  async getDraft(person: PersonKey, kind: DraftRecord["kind"], subjectId: string): Promise<StoredRow<DraftRecord> | undefined> {
    return this.people.get<DraftRecord>(personKeys.partition(person.tenantId, person.userId), draftRow(kind, subjectId));
  }

  async listDrafts(person: PersonKey): Promise<StoredRow<DraftRecord>[]> {
    return this.people.list<DraftRecord>(personKeys.partition(person.tenantId, person.userId), { prefix: personKeys.draftPrefix() });
  }

  /** Without an etag the draft must be new; with one, a concurrent change is refused (ConcurrencyError). */
  async saveDraft(draft: DraftRecord, etag?: string): Promise<string> {
    const partition = personKeys.partition(draft.person.tenantId, draft.person.userId);
    const rowKey = draftRow(draft.kind, draft.subject.companyId);
    return etag === undefined ? this.people.insert(partition, rowKey, draft) : this.people.replace(partition, rowKey, draft, etag);
  }

  /** The person's latest finished self-assessment (survives starting a new one). */
  async getLatestSelfResult(person: PersonKey): Promise<StoredRow<AssessmentRecord> | undefined> {
    return this.people.get<AssessmentRecord>(personKeys.partition(person.tenantId, person.userId), personKeys.latestSelfResultRow());
  }

  async saveLatestSelfResult(person: PersonKey, result: AssessmentRecord): Promise<string> {
    return this.people.upsert(personKeys.partition(person.tenantId, person.userId), personKeys.latestSelfResultRow(), result);
  }
}

function draftRow(kind: DraftRecord["kind"], subjectId: string): string {
  return kind === "self" ? personKeys.selfDraftRow() : personKeys.partnerDraftRow(subjectId);
}
