import { cycleOf } from "../../core/cycles.js";
import type { AssessmentRecord, CompanyRef, DraftRecord, PersonCircleRecord } from "../../storage/index.js";
import type { FinishedAssessment } from "../cards/summary.js";
import type { ConversationDeps } from "./types.js";

/**
 * Records a finished assessment in every circle where it belongs: a self-assessment where the
 * rater company is a member, a partner rating where both companies are. Membership is checked on
 * the circle itself, not only on the person's index. Returns the circles.
 */
export async function publishAssessment(deps: ConversationDeps, draft: DraftRecord): Promise<SharedCircle[]> {
  const record = assessmentRecordOf(draft, draft.cycle ?? cycleOf(deps.clock.now()));
  const index = await deps.repositories.circles.listForPerson(draft.person);
  const candidates = index.filter((entry) => entry.company.companyId === draft.rater.companyId);
  const verified = (await Promise.all(candidates.map((entry) => belongsIn(deps, entry, draft)))).filter((entry): entry is PersonCircleRecord => entry !== undefined);
  await deps.repositories.circles.recordAssessment(
    verified.map((entry) => entry.circleId),
    record,
  );
  if (draft.kind === "self") await deps.repositories.people.saveLatestSelfResult(draft.person, record);
  deps.log.info({ kind: draft.kind, circles: verified.length, cycle: record.cycle }, "assessment recorded");
  return verified.map((entry) => ({ circleId: entry.circleId, name: entry.circleName }));
}

export interface SharedCircle {
  circleId: string;
  name: string;
}

async function belongsIn(deps: ConversationDeps, entry: PersonCircleRecord, draft: DraftRecord): Promise<PersonCircleRecord | undefined> {
  const companies = draft.kind === "self" ? [draft.rater] : [draft.rater, draft.subject];
  const memberships = await Promise.all(companies.map((company) => isMember(deps, entry.circleId, company)));
  return memberships.every(Boolean) ? entry : undefined;
}

async function isMember(deps: ConversationDeps, circleId: string, company: CompanyRef): Promise<boolean> {
  const member = await deps.repositories.circles.getMember(circleId, company.companyId);
  return member?.data.status === "member";
}

function assessmentRecordOf(draft: DraftRecord, cycle: string): AssessmentRecord {
  const completedAt = draft.completedAt ?? draft.updatedAt;
  return {
    assessmentId: draft.runId,
    cycle,
    rater: draft.rater,
    subject: draft.subject,
    ratedBy: draft.person,
    formalVendorProgram: draft.formalVendorProgram,
    answers: draft.answers,
    completedAt,
  };
}

export function finishedAssessmentOf(source: Pick<DraftRecord, "rater" | "subject" | "formalVendorProgram" | "answers" | "cycle"> & { kind?: DraftRecord["kind"] }): FinishedAssessment {
  return {
    kind: source.kind ?? (source.rater.companyId === source.subject.companyId ? "self" : "partner"),
    rater: source.rater,
    subject: source.subject,
    formalVendorProgram: source.formalVendorProgram,
    answers: source.answers,
    ...(source.cycle ? { cycle: source.cycle } : {}),
  };
}
