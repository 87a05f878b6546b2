import { circleKeys, circleRhythmKeys, CIRCLE_ROW_KINDS, companyKeys, invitationCodeKeys, TABLES } from "../partitions.js";
import type {
  ActionRecord,
  AssessmentRecord,
  CircleRecord,
  CompanyCircleRecord,
  InvitationCodeRecord,
  InvitationRecord,
  LeadRecord,
  MeetingRecord,
  MemberRecord,
  RhythmRecord,
} from "../records.js";
import type { StoredRow, TableStore, TableStoreFactory } from "../table-store.js";

/** Everything stored about one circle, read with one query on its partition. */
export interface CircleSnapshot {
  circle: StoredRow<CircleRecord>;
  members: StoredRow<MemberRecord>[];
  /** In cycle order (oldest first); one row per person, rater and subject. */
  assessments: StoredRow<AssessmentRecord>[];
  invitations: StoredRow<InvitationRecord>[];
  /** Rows of other kinds (rhythms, meetings, actions), by the first segment of their row key. */
  otherRows: ReadonlyMap<string, StoredRow<object>[]>;
}

const SNAPSHOT_KINDS: readonly string[] = [CIRCLE_ROW_KINDS.circle, CIRCLE_ROW_KINDS.member, CIRCLE_ROW_KINDS.assessment, CIRCLE_ROW_KINDS.invitation];

export class CircleRepository {
  private constructor(private readonly circles: TableStore) {}

  static async open(factory: TableStoreFactory): Promise<CircleRepository> {
    return new CircleRepository(await factory.table(TABLES.circles));
  }

  /** The circle row and its founding member in one transaction, then the founder's company index. */
  async create(circle: CircleRecord, founder: MemberRecord): Promise<void> {
    await this.circles.transact<CircleRecord | MemberRecord>(circleKeys.partition(circle.circleId), [
      { kind: "insert", rowKey: circleKeys.circleRow(), data: circle },
      { kind: "insert", rowKey: circleKeys.memberRow(founder.company.companyId), data: founder },
    ]);
    await this.indexCompany(circle, founder);
  }

  async get(circleId: string): Promise<StoredRow<CircleRecord> | undefined> {
    return this.circles.get<CircleRecord>(circleKeys.partition(circleId), circleKeys.circleRow());
  }

  async replaceCircle(circle: CircleRecord, etag: string): Promise<string> {
    return this.circles.replace(circleKeys.partition(circle.circleId), circleKeys.circleRow(), circle, etag);
  }

  /** One partition query: the circle, its members, assessments, invitations and everything else kept with it. */
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
    return {
      circle,
      members: (byKind.get(CIRCLE_ROW_KINDS.member) ?? []) as StoredRow<MemberRecord>[],
      assessments: (byKind.get(CIRCLE_ROW_KINDS.assessment) ?? []) as StoredRow<AssessmentRecord>[],
      invitations: (byKind.get(CIRCLE_ROW_KINDS.invitation) ?? []) as StoredRow<InvitationRecord>[],
      otherRows: new Map([...byKind].filter(([kind]) => !SNAPSHOT_KINDS.includes(kind))),
    };
  }

  async getMember(circleId: string, companyId: string): Promise<StoredRow<MemberRecord> | undefined> {
    return this.circles.get<MemberRecord>(circleKeys.partition(circleId), circleKeys.memberRow(companyId));
  }

  async listMembers(circleId: string): Promise<StoredRow<MemberRecord>[]> {
    return this.circles.list<MemberRecord>(circleKeys.partition(circleId), { prefix: circleKeys.memberPrefix() });
  }

  /** Inserts (no etag) or replaces (etag) a member, then keeps the company's index in step. */
  async saveMember(circle: CircleRecord, member: MemberRecord, etag?: string): Promise<string> {
    const partition = circleKeys.partition(circle.circleId);
    const rowKey = circleKeys.memberRow(member.company.companyId);
    const newEtag = etag === undefined ? await this.circles.insert(partition, rowKey, member) : await this.circles.replace(partition, rowKey, member, etag);
    await this.indexCompany(circle, member);
    return newEtag;
  }

  /** A person's finished assessment, written into the partition of every circle it belongs to. Their retake in the same cycle replaces it. */
  async recordAssessment(circleIds: readonly string[], assessment: AssessmentRecord): Promise<void> {
    const rowKey = circleKeys.assessmentRow(assessment.cycle, assessment.rater.companyId, assessment.subject.companyId, assessment.ratedBy);
    await Promise.all(circleIds.map((circleId) => this.circles.upsert(circleKeys.partition(circleId), rowKey, assessment)));
  }

  async listAssessments(circleId: string): Promise<StoredRow<AssessmentRecord>[]> {
    return this.circles.list<AssessmentRecord>(circleKeys.partition(circleId), { prefix: circleKeys.assessmentPrefix() });
  }

  /** The invitation in the circle's partition (the truth), then the lookup from its code's digest. */
  async createInvitation(invitation: InvitationRecord): Promise<void> {
    await this.circles.insert(circleKeys.partition(invitation.circleId), circleKeys.invitationRow(invitation.invitationId), invitation);
    const lookup: InvitationCodeRecord = { circleId: invitation.circleId, invitationId: invitation.invitationId };
    await this.circles.insert(invitationCodeKeys.partition(invitation.codeDigest), invitationCodeKeys.row(), lookup);
  }

  async findInvitationByCode(codeDigest: string): Promise<InvitationCodeRecord | undefined> {
    return (await this.circles.get<InvitationCodeRecord>(invitationCodeKeys.partition(codeDigest), invitationCodeKeys.row()))?.data;
  }

  async getInvitation(circleId: string, invitationId: string): Promise<StoredRow<InvitationRecord> | undefined> {
    return this.circles.get<InvitationRecord>(circleKeys.partition(circleId), circleKeys.invitationRow(invitationId));
  }

  async listInvitations(circleId: string): Promise<StoredRow<InvitationRecord>[]> {
    return this.circles.list<InvitationRecord>(circleKeys.partition(circleId), { prefix: circleKeys.invitationPrefix() });
  }

  /** Fails with ConcurrencyError when the invitation changed since it was read (used or revoked meanwhile). */
  async replaceInvitation(invitation: InvitationRecord, etag: string): Promise<string> {
    return this.circles.replace(circleKeys.partition(invitation.circleId), circleKeys.invitationRow(invitation.invitationId), invitation, etag);
  }

  /**
   * The code is used up and the company joins in one transaction on the circle's partition: of two
   * organisations redeeming at once, exactly one joins (TransactionError for the other).
   */
  async redeemInvitation(circle: CircleRecord, invitation: StoredRow<InvitationRecord>, member: MemberRecord, memberEtag: string | undefined): Promise<void> {
    const memberRow = circleKeys.memberRow(member.company.companyId);
    await this.circles.transact<InvitationRecord | MemberRecord>(circleKeys.partition(circle.circleId), [
      { kind: "replace", rowKey: circleKeys.invitationRow(invitation.data.invitationId), data: invitation.data, etag: invitation.etag },
      memberEtag === undefined ? { kind: "insert", rowKey: memberRow, data: member } : { kind: "replace", rowKey: memberRow, data: member, etag: memberEtag },
    ]);
    await this.indexCompany(circle, member);
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

  async getLead(circleId: string, leadId: string): Promise<StoredRow<LeadRecord> | undefined> {
    return this.circles.get<LeadRecord>(circleKeys.partition(circleId), circleKeys.leadRow(leadId));
  }

  async listLeads(circleId: string): Promise<StoredRow<LeadRecord>[]> {
    return this.circles.list<LeadRecord>(circleKeys.partition(circleId), { prefix: circleKeys.leadPrefix() });
  }

  /** Without an etag the lead must be new; with one, a concurrent change (a second press) is refused with ConcurrencyError. */
  async saveLead(record: LeadRecord, etag?: string): Promise<string> {
    return this.saveRow(record.circleId, circleKeys.leadRow(record.leadId), record, etag);
  }

  private async saveRow<T extends object>(circleId: string, rowKey: string, data: T, etag: string | undefined): Promise<string> {
    const partition = circleKeys.partition(circleId);
    return etag === undefined ? this.circles.insert(partition, rowKey, data) : this.circles.replace(partition, rowKey, data, etag);
  }

  /** The company's index row follows its member row (an idempotent upsert, so a retry repairs an interrupted write). */
  private async indexCompany(circle: CircleRecord, member: MemberRecord): Promise<void> {
    const index: CompanyCircleRecord = { circleId: circle.circleId, circleName: circle.name, company: member.company, status: member.status, updatedAt: member.leftAt ?? member.removedAt ?? member.joinedAt };
    await this.circles.upsert(companyKeys.partition(member.company.companyId), companyKeys.circleRow(circle.circleId), index);
  }
}
