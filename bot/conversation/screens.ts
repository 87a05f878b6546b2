import { areaById } from "../../core/model/index.js";
import type { PracticeEvidence } from "../../core/scoring/index.js";
import type { DraftRecord } from "../../storage/index.js";
import { areaCard } from "../cards/area.js";
import type { AdaptiveCard } from "../cards/elements.js";
import { resultCard } from "../cards/summary.js";
import { answeredCount, applicableAreas, firstUnansweredArea, runDataOf } from "./drafts.js";
import { finishedAssessmentOf, type SharedCircle } from "./publish.js";

/** The card that shows where a stored assessment stands: the next area, the area being changed, or the summary. */
export function cardForDraft(draft: DraftRecord, options: { notice?: string; offerStartOver?: boolean; sharedWith?: readonly SharedCircle[]; practice?: readonly string[]; evidence?: PracticeEvidence } = {}): AdaptiveCard {
  if (draft.status === "completed" && draft.editing) return areaCard({ draft, area: draft.editing, edit: true, ...noticeOf(options) });
  const next = draft.status === "in-progress" ? firstUnansweredArea(draft) : undefined;
  if (next) return areaCard({ draft, area: next, ...noticeOf(options), offerStartOver: options.offerStartOver ?? false });
  return resultCard({ assessment: finishedAssessmentOf(draft), run: runDataOf(draft), ...noticeOf(options), ...(options.sharedWith ? { sharedWith: options.sharedWith } : {}), ...(options.practice ? { practice: options.practice } : {}), ...(options.evidence ? { evidence: options.evidence } : {}) });
}

/** `assess` with an assessment in progress: straight back to the first unanswered area. */
export function resumeCard(draft: DraftRecord): AdaptiveCard {
  const next = firstUnansweredArea(draft);
  const answered = answeredCount(draft);
  const what = draft.kind === "partner" ? `your rating of ${draft.subject.companyName}` : "your assessment";
  const where = next ? ` Continuing at ${areaById(next).name}.` : "";
  const notice = answered === 0 ? `Welcome back to ${what}.${where}` : `Welcome back to ${what}: ${answered} of ${applicableAreas(draft.formalVendorProgram).length} areas answered.${where}`;
  // With nothing answered yet there is nothing to start over from.
  return cardForDraft(draft, { notice, offerStartOver: answered > 0 });
}

function noticeOf(options: { notice?: string }): { notice?: string } {
  return options.notice ? { notice: options.notice } : {};
}
