import type { Answers } from "../../../core/model/index.js";
import { circleKeys, CIRCLE_ROW_KINDS } from "../../../storage/partitions.js";
import type { CircleSnapshot } from "../../../storage/repositories/circles.js";
import type { ActionRecord, AssessmentRecord, CircleRecord, CompanyRef, InvitationRecord, MeetingRecord, MemberRecord } from "../../../storage/records.js";
import type { StoredRow } from "../../../storage/table-store.js";
import type { Repositories } from "../../../storage/index.js";

export const CIRCLE_ID = "circle-1";

/** Each company of these fixtures is its own organisation: "Alpha" is tenant "tenant-alpha". */
export function tenantOf(companyName: string): string {
  return `tenant-${companyName.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;
}

export function companyOf(companyName: string): CompanyRef {
  return { companyId: tenantOf(companyName), companyName };
}

export const circleRecord: CircleRecord = { circleId: CIRCLE_ID, name: "Test Circle", createdAt: "2026-01-01T00:00:00.000Z", createdBy: { tenantId: tenantOf("creator"), userId: "creator" }, createdByCompany: companyOf("Creator") };

export function memberOf(companyName: string, status: MemberRecord["status"] = "member"): MemberRecord {
  const company = companyOf(companyName);
  return { circleId: CIRCLE_ID, company, status, people: [{ tenantId: company.companyId, userId: `oid-${company.companyId}`, aadObjectId: `oid-${company.companyId}`, name: `${companyName} person` }], joinedAt: "2026-01-01T00:00:00.000Z" };
}

/** `rater` rated `subject` (itself for a self-assessment) in `cycle`. */
export function assessment(cycle: string, rater: string, subject: string, answers: Answers, formalVendorProgram = false, person = `${rater} person`): AssessmentRecord {
  const raterRef = companyOf(rater);
  return {
    assessmentId: `${cycle}-${rater}-${subject}-${person}`,
    cycle,
    rater: raterRef,
    subject: companyOf(subject),
    ratedBy: { tenantId: raterRef.companyId, userId: `oid-${raterRef.companyId}-${person.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`, name: person },
    formalVendorProgram,
    answers,
    completedAt: `${cycle.slice(0, 4)}-0${Number(cycle.slice(6)) * 3 - 1}-15T12:00:00.000Z`,
  };
}

export function meeting(plannedFor: string, status: MeetingRecord["status"] | "missed", title = "Joint planning"): MeetingRecord {
  return { circleId: CIRCLE_ID, meetingId: `joint-planning@${plannedFor}`, rhythmKind: "joint-planning", title, plannedFor, status: status as MeetingRecord["status"], ...(status === "held" ? { heldAt: plannedFor } : {}), updatedAt: plannedFor };
}

export function action(title: string, status: ActionRecord["status"], dueBy: string, owner = "Alpha"): ActionRecord {
  const ownerRef = companyOf(owner);
  return { actionId: title, circleId: CIRCLE_ID, area: "pipeline", title, owner: ownerRef, dueBy, status, source: "command", createdAt: "2026-01-01T00:00:00.000Z", createdBy: ownerRef };
}

/** Writes the circle and its members through the repository, as the bot would (the first member founds it). */
export async function writeCircle(repositories: Pick<Repositories, "circles">, members: readonly MemberRecord[], circle: CircleRecord = circleRecord): Promise<void> {
  const [founder, ...others] = members;
  if (!founder) throw new Error("A circle needs a member");
  await repositories.circles.create(circle, founder);
  for (const member of others) await repositories.circles.saveMember(circle, member);
}

function row<T extends object>(rowKey: string, data: T): StoredRow<T> {
  return { partitionKey: circleKeys.partition(CIRCLE_ID), rowKey, etag: "etag", data };
}

/** What CircleRepository.snapshot returns for these rows: each kind in row-key order, as the store lists them. */
/** An invitation sent by Alpha to a company by name, valid until `expiresAt`. */
export function invitationFor(invitedAs: string, expiresAt: string): InvitationRecord {
  return { invitationId: `invitation-${invitedAs}`, circleId: CIRCLE_ID, codeDigest: `digest-${invitedAs}`, invitedAs, invitedBy: companyOf("Alpha"), invitedByPerson: { tenantId: tenantOf("Alpha"), userId: "oid-alpha" }, status: "pending", createdAt: "2026-09-01T00:00:00.000Z", expiresAt };
}

export function snapshotOf(parts: { members: MemberRecord[]; assessments?: AssessmentRecord[]; invitations?: InvitationRecord[]; meetings?: object[]; actions?: object[] }): CircleSnapshot {
  const otherRows = new Map<string, StoredRow<object>[]>();
  if (parts.meetings) otherRows.set(CIRCLE_ROW_KINDS.meeting, parts.meetings.map((data, index) => row(circleKeys.meetingRow(String(index)), data)));
  if (parts.actions) otherRows.set(CIRCLE_ROW_KINDS.action, parts.actions.map((data, index) => row(circleKeys.actionRow(String(index)), data)));
  return {
    circle: row(circleKeys.circleRow(), circleRecord),
    members: parts.members.map((member) => row(circleKeys.memberRow(member.company.companyId), member)),
    assessments: (parts.assessments ?? []).map((a) => row(circleKeys.assessmentRow(a.cycle, a.rater.companyId, a.subject.companyId, a.ratedBy), a)).sort((a, b) => (a.rowKey < b.rowKey ? -1 : 1)),
    invitations: (parts.invitations ?? []).map((invitation) => row(circleKeys.invitationRow(invitation.invitationId), invitation)),
    otherRows,
  };
}
