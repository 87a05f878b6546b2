import { circleKeys, circleRhythmKeys, CIRCLE_ROW_KINDS, companyKeys, personKeys, TABLES } from "../partitions.js";
import type { ActionRecord, AssessmentRecord, CircleRecord, CompanyCircleRecord, MeetingRecord, MemberRecord, PersonCircleRecord, PersonRef, RhythmRecord } from "../records.js";
import type { StoredRow, TableStore, TableStoreFactory } from "../table-store.js";

/** Everything stored about one circle, read with one query on its partition. */
export interface CircleSnapshot {
  circle: StoredRow<CircleRecord>;
  members: StoredRow<MemberRecord>[];
  /** In cycle order (oldest first). */
  assessments: StoredRow<AssessmentRecord>[];
  /** Rows of other kinds (rhythms, meetings, actions), by the first segment of their row key. */
  otherRows: ReadonlyMap<string, StoredRow<object>[]>;
}

export class CircleRepository {
  private constructor(
    private readonly circles: TableStore,
    private readonly people: TableStore,
  ) {}

  static async open(factory: TableStoreFactory): Promise<CircleRepository> {
    const [circles, people] = await Promise.all([factory.table(TABLES.circles), factory.table(TABLES.people)]);
    return new CircleRepository(circles, people);
  }

  /** The circle row and its first members in one transaction, then each person's index row. */
  async create(circle: CircleRecord, members: readonly MemberRecord[]): Promise<void> {
    const partition = circleKeys.partition(circle.circleId);
    await this.circles.transact<CircleRecord | MemberRecord>(partition, [
      { kind: "insert", rowKey: circleKeys.circleRow(), data: circle },
      ...members.map((member) => ({ kind: "insert" as const, rowKey: circleKeys.memberRow(member.company.companyId), data: member })),
    ]);
    for (const member of members) await this.indexPeople(circle, member);
  }

  async get(circleId: string): Promise<StoredRow<CircleRecord> | undefined> {
    return this.circles.get<CircleRecord>(circleKeys.partition(circleId), circleKeys.circleRow());
  }

  async replaceCircle(circle: CircleRecord, etag: string): Promise<string> {
    return this.circles.replace(circleKeys.partition(circle.circleId), circleKeys.circleRow(), circle, etag);
  }

  /** One partition query: the circle, its members, its assessments and everything else kept with it. */
  async snapshot(circleId: string): Promise<CircleSnapshot | undefined> {
    const rows = await this.circles.list<object>(circleKeys.partition(circleId));
    const byKind = new Map<string, StoredRow<object>[]>();
    for (const row of rows) {
      const kind = circleKeys.kindOf(row.rowKey);
      const rowsOfKind = byKind.get(kind);
      if (rowsOfKind) rowsOfKind.push(row);
      else byKind.set(kind, [row]);
    }
    const circle = byKind.get(CIRCLE_ROW_KINDS.circle)?.[0] as StoredRow<CircleRecord> | undefined;
    if (!circle) return undefined;
    const otherRows = new Map([...byKind].filter(([kind]) => kind !== CIRCLE_ROW_KINDS.circle && kind !== CIRCLE_ROW_KINDS.member && kind !== CIRCLE_ROW_KINDS.assessment));
    return {
      circle,
      members: (byKind.get(CIRCLE_ROW_KINDS.member) ?? []) as StoredRow<MemberRecord>[],
      assessments: (byKind.get(CIRCLE_ROW_KINDS.assessment) ?? []) as StoredRow<AssessmentRecord>[],
      otherRows,
    };
  }

  async getMember(circleId: string, companyId: string): Promise<StoredRow<MemberRecord> | undefined> {
    return this.circles.get<MemberRecord>(circleKeys.partition(circleId), circleKeys.memberRow(companyId));
  }

  async listMembers(circleId: string): Promise<StoredRow<MemberRecord>[]> {
    return this.circles.list<MemberRecord>(circleKeys.partition(circleId), { prefix: circleKeys.memberPrefix() });
  }

  /** Inserts (no etag) or replaces (etag) a member, then keeps the people index in step. */
  async saveMember(circle: CircleRecord, member: MemberRecord, etag?: string): Promise<string> {
    const partition = circleKeys.partition(circle.circleId);
    const rowKey = circleKeys.memberRow(member.company.companyId);
    const newEtag = etag === undefined ? await this.circles.insert(partition, rowKey, member) : await this.circles.replace(partition, rowKey, member, etag);
    await this.indexPeople(circle, member);
    return newEtag;
  }

  /** A finished assessment, written into the partition of every circle it belongs to. Retaking in the same cycle replaces it. */
  async recordAssessment(circleIds: readonly string[], assessment: AssessmentRecord): Promise<void> {
    const rowKey = circleKeys.assessmentRow(assessment.cycle, assessment.rater.companyId, assessment.subject.companyId);
    await Promise.all(circleIds.map((circleId) => this.circles.upsert(circleKeys.partition(circleId), rowKey, assessment)));
  }

  async listAssessments(circleId: string): Promise<StoredRow<AssessmentRecord>[]> {
    return this.circles.list<AssessmentRecord>(circleKeys.partition(circleId), { prefix: circleKeys.assessmentPrefix() });
  }

  /** The circles a person belongs to (index rows; check membership on the circle itself before trusting it). */
  async listForPerson(person: Pick<PersonRef, "tenantId" | "userId">): Promise<PersonCircleRecord[]> {
    const rows = await this.people.list<PersonCircleRecord>(personKeys.partition(person.tenantId, person.userId), { prefix: personKeys.circlePrefix() });
    return rows.map((row) => row.data);
  }

  /** A company's circles: invitations and memberships (hint rows; check the member row before trusting one). */
  async listForCompany(companyId: string): Promise<CompanyCircleRecord[]> {
    const rows = await this.circles.list<CompanyCircleRecord>(companyKeys.partition(companyId), { prefix: companyKeys.circlePrefix() });
    return rows.map((row) => row.data);
  }

  async saveCompanyIndex(record: CompanyCircleRecord): Promise<void> {
    await this.circles.upsert(companyKeys.partition(record.company.companyId), companyKeys.circleRow(record.circleId), record);
  }

  async getRhythm(circleId: string, rhythmKind: string): Promise<StoredRow<RhythmRecord> | undefined> {
    return this.circles.get<RhythmRecord>(circleKeys.partition(circleId), circleRhythmKeys.rhythmRow(rhythmKind));
  }

  async listRhythms(circleId: string): Promise<StoredRow<RhythmRecord>[]> {
    return this.circles.list<RhythmRecord>(circleKeys.partition(circleId), { prefix: circleRhythmKeys.rhythmPrefix() });
  }

  /** Without an etag the rhythm must be new; with one, a concurrent change is refused (ConcurrencyError). */
  async saveRhythm(record: RhythmRecord, etag?: string): Promise<string> {
    return this.saveRow(record.circleId, circleRhythmKeys.rhythmRow(record.rhythm.kind), record, etag);
  }

  async getMeeting(circleId: string, meetingId: string): Promise<StoredRow<MeetingRecord> | undefined> {
    return this.circles.get<MeetingRecord>(circleKeys.partition(circleId), circleKeys.meetingRow(meetingId));
  }

  async listMeetings(circleId: string): Promise<StoredRow<MeetingRecord>[]> {
    return this.circles.list<MeetingRecord>(circleKeys.partition(circleId), { prefix: circleRhythmKeys.meetingPrefix() });
  }

  /** Without an etag the meeting must be new (EntityExistsError otherwise); with one, a concurrent change is refused. */
  async saveMeeting(record: MeetingRecord, etag?: string): Promise<string> {
    return this.saveRow(record.circleId, circleKeys.meetingRow(record.meetingId), record, etag);
  }

  async getAction(circleId: string, actionId: string): Promise<StoredRow<ActionRecord> | undefined> {
    return this.circles.get<ActionRecord>(circleKeys.partition(circleId), circleKeys.actionRow(actionId));
  }

  async listActions(circleId: string): Promise<StoredRow<ActionRecord>[]> {
    return this.circles.list<ActionRecord>(circleKeys.partition(circleId), { prefix: circleRhythmKeys.actionPrefix() });
  }

  async saveAction(record: ActionRecord, etag?: string): Promise<string> {
    return this.saveRow(record.circleId, circleKeys.actionRow(record.actionId), record, etag);
  }

  private async saveRow<T extends object>(circleId: string, rowKey: string, data: T, etag: string | undefined): Promise<string> {
    const partition = circleKeys.partition(circleId);
    return etag === undefined ? this.circles.insert(partition, rowKey, data) : this.circles.replace(partition, rowKey, data, etag);
  }

  /** Members' people get an index row while the company is a member; it goes when the company leaves. */
  private async indexPeople(circle: CircleRecord, member: MemberRecord): Promise<void> {
    await Promise.all(
      member.people.map((person) => {
        const partition = personKeys.partition(person.tenantId, person.userId);
        const rowKey = personKeys.circleRow(circle.circleId);
        if (member.status !== "member") return this.people.delete(partition, rowKey);
        const index: PersonCircleRecord = { circleId: circle.circleId, circleName: circle.name, tenantId: circle.tenantId, company: member.company };
        return this.people.upsert(partition, rowKey, index).then(() => undefined);
      }),
    );
  }
}
