import { cycleOf } from "../../core/cycles.js";
import { listMyCircles } from "../../circles/index.js";
import { isVerifiedCompanyId } from "../../core/companies.js";
import type { AssessmentRecord, DraftRecord } from "../../storage/index.js";
import { circleContextOf } from "./refusals.js";
import type { FinishedAssessment } from "../cards/summary.js";
import type { ConversationDeps } from "./types.js";

/**
 * Records a finished assessment in every circle where it belongs: a self-assessment where the
 * rater company is a member, a partner rating where both companies are (a partner outside every
 * circle is never shared). Membership is checked on each circle's member rows. Returns the circles.
 */
export async function publishAssessment(deps: ConversationDeps, draft: DraftRecord): Promise<SharedCircle[]> {
  const record = assessmentRecordOf(draft, draft.cycle ?? cycleOf(deps.clock.now()));
  const circles = isVerifiedCompanyId(draft.subject.companyId) ? await listMyCircles(circleContextOf(deps), draft.rater.companyId) : [];
  const shared = draft.kind === "self" ? circles : (await Promise.all(circles.map(async (circle) => ((await isMember(deps, circle.circleId, draft.subject.companyId)) ? circle : undefined)))).filter((circle) => circle !== undefined);
  await deps.repositories.circles.recordAssessment(
    shared.map((circle) => circle.circleId),
    record,
  );
  if (draft.kind === "self") await deps.repositories.people.saveLatestSelfResult(draft.person, record);
  deps.log.info({ kind: draft.kind, circles: shared.length, cycle: record.cycle }, "assessment recorded");
  return shared.map((circle) => ({ circleId: circle.circleId, name: circle.name }));
}

export interface SharedCircle {
  circleId: string;
  name: string;
}

async function isMember(deps: ConversationDeps, circleId: string, companyId: string): Promise<boolean> {
  const member = await deps.repositories.circles.getMember(circleId, companyId);
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
