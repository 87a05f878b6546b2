import { companyPractice, listMyCircles } from "../../circles/index.js";
import { personEvidenceText } from "../../core/leads/index.js";
import { stageById, type Answers, type StageId, NOT_APPLICABLE } from "../../core/model/index.js";
import type { PracticeEvidence } from "../../core/scoring/index.js";
import type { CompanyRef } from "../../storage/index.js";
import { circleContextOf } from "./refusals.js";
import type { ConversationDeps } from "./types.js";

/**
 * Practice next to self-assessment on the summary: for Pipeline and Leads, what this person answered
 * for the company and what the leads of its circles show ("You answered Proactive on Leads; Contoso in
 * the last two quarters gave 0 and received 6 leads, kept 2 of 6 commitments to connect"). The
 * dashboard says what the company as a whole (its people combined) says. None outside circles.
 */
export async function practiceLines(deps: ConversationDeps, company: CompanyRef, answers: Answers): Promise<string[] | undefined> {
  const context = circleContextOf(deps);
  const circles = await listMyCircles(context, company.companyId);
  if (circles.length === 0) return undefined;
  const { practice, period } = await companyPractice(context, company.companyId, circles.map((circle) => circle.circleId));
  const stageName = (answer: Answers[keyof Answers]) => (answer && answer !== NOT_APPLICABLE ? stageById(answer as StageId).name : undefined);
  return (["pipeline", "leads"] as const).map((area) => `${personEvidenceText(area, stageName(answers[area]), company.companyName, practice, period)}.`);
}

/** A partner rating's evidence: the rated company's leads in the circles the rating was shared with. */
export async function partnerEvidence(deps: ConversationDeps, subject: CompanyRef, circleIds: readonly string[]): Promise<PracticeEvidence | undefined> {
  if (circleIds.length === 0) return undefined;
  return companyPractice(circleContextOf(deps), subject.companyId, circleIds);
}
