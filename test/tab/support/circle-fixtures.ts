import { companyRef } from "../../../core/companies.js";
import type { Answers } from "../../../core/model/index.js";
import { circleKeys, CIRCLE_ROW_KINDS } from "../../../storage/partitions.js";
import type { CircleSnapshot } from "../../../storage/repositories/circles.js";
import type { ActionRecord, AssessmentRecord, CircleRecord, MeetingRecord, MemberRecord } from "../../../storage/records.js";
import type { StoredRow } from "../../../storage/table-store.js";

export const TENANT = "tenant-a";
export const CIRCLE_ID = "circle-1";

export const circleRecord: CircleRecord = { circleId: CIRCLE_ID, tenantId: TENANT, name: "Test Circle", createdAt: "2026-01-01T00:00:00.000Z", createdBy: { tenantId: TENANT, userId: "creator" } };

export function memberOf(companyName: string, status: MemberRecord["status"] = "member"): MemberRecord {
  const company = companyRef(companyName);
  return { circleId: CIRCLE_ID, company, status, people: [{ tenantId: TENANT, userId: `oid-${company.companyId}`, aadObjectId: `oid-${company.companyId}`, name: `${companyName} person` }], invitedAt: "2026-01-01T00:00:00.000Z" };
}

/** `rater` rated `subject` (itself for a self-assessment) in `cycle`. */
export function assessment(cycle: string, rater: string, subject: string, answers: Answers, formalVendorProgram = false): AssessmentRecord {
  const raterRef = companyRef(rater);
  return {
    assessmentId: `${cycle}-${rater}-${subject}`,
    cycle,
    rater: raterRef,
    subject: companyRef(subject),
    ratedBy: { tenantId: TENANT, userId: `oid-${raterRef.companyId}`, name: `${rater} person` },
    formalVendorProgram,
    answers,
    completedAt: `${cycle.slice(0, 4)}-0${Number(cycle.slice(6)) * 3 - 1}-15T12:00:00.000Z`,
  };
}

export function meeting(plannedFor: string, status: MeetingRecord["status"] | "missed", title = "Joint planning"): MeetingRecord {
  return { circleId: CIRCLE_ID, meetingId: `joint-planning@${plannedFor}`, rhythmKind: "joint-planning", title, plannedFor, status: status as MeetingRecord["status"], ...(status === "held" ? { heldAt: plannedFor } : {}), updatedAt: plannedFor };
}

export function action(title: string, status: ActionRecord["status"], dueBy: string, owner = "Alpha"): ActionRecord {
  const ownerRef = companyRef(owner);
  return { actionId: title, circleId: CIRCLE_ID, area: "pipeline", title, owner: ownerRef, dueBy, status, source: "command", createdAt: "2026-01-01T00:00:00.000Z", createdBy: ownerRef };
}

function row<T extends object>(rowKey: string, data: T): StoredRow<T> {
  return { partitionKey: circleKeys.partition(CIRCLE_ID), rowKey, etag: "etag", data };
}

/** What CircleRepository.snapshot returns for these rows: each kind in row-key order, as the store lists them. */
export function snapshotOf(parts: { members: MemberRecord[]; assessments?: AssessmentRecord[]; meetings?: object[]; actions?: object[] }): CircleSnapshot {
  const otherRows = new Map<string, StoredRow<object>[]>();
  if (parts.meetings) otherRows.set(CIRCLE_ROW_KINDS.meeting, parts.meetings.map((data, index) => row(circleKeys.meetingRow(String(index)), data)));
  if (parts.actions) otherRows.set(CIRCLE_ROW_KINDS.action, parts.actions.map((data, index) => row(circleKeys.actionRow(String(index)), data)));
  return {
    circle: row(circleKeys.circleRow(), circleRecord),
    members: parts.members.map((member) => row(circleKeys.memberRow(member.company.companyId), member)),
    assessments: (parts.assessments ?? []).map((a) => row(circleKeys.assessmentRow(a.cycle, a.rater.companyId, a.subject.companyId), a)).sort((a, b) => (a.rowKey < b.rowKey ? -1 : 1)),
    otherRows,
  };
}
