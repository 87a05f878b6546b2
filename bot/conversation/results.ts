import { resultCard } from "../cards/summary.js";
import { answeredCount, applicableAreas, runDataOf } from "./drafts.js";
import { practiceLines } from "./practice.js";
import { finishedAssessmentOf } from "./publish.js";
import type { StepResult } from "./refusals.js";
import type { ConversationDeps, Speaker } from "./types.js";

/** `results`: the person's latest finished self-assessment, and a word about one in progress. */
export async function latestResults(deps: ConversationDeps, speaker: Speaker): Promise<StepResult> {
  const [draft, latest] = await Promise.all([deps.repositories.people.getDraft(speaker.person, "self", ""), deps.repositories.people.getLatestSelfResult(speaker.person)]);
  if (draft?.data.status === "completed") {
    const practice = draft.data.kind === "self" ? await practiceLines(deps, draft.data.subject, draft.data.answers) : undefined;
    return { card: resultCard({ assessment: finishedAssessmentOf(draft.data), run: runDataOf(draft.data), ...(practice ? { practice } : {}) }) };
  }
  const progress = draft ? `You have an assessment in progress: ${answeredCount(draft.data)} of ${applicableAreas(draft.data.formalVendorProgram).length} areas answered. Type assess to continue.` : undefined;
  if (latest) {
    const practice = await practiceLines(deps, latest.data.subject, latest.data.answers);
    return { card: resultCard({ assessment: { ...finishedAssessmentOf(latest.data), kind: "self" }, ...(progress ? { notice: `${progress} Your latest finished result:` } : {}), ...(practice ? { practice } : {}) }) };
  }
  return { notice: progress ?? "You have no results yet. Type assess to assess your company; it takes one card per area." };
}
