import { isVerifiedCompanyId } from "../../core/companies.js";
import { cycleOf } from "../../core/cycles.js";
import { areaById, stageById, NOT_APPLICABLE, type AreaAnswer, type AreaId } from "../../core/model/index.js";
import { InvalidAnswerError, isApplicable, validateAnswers } from "../../core/scoring/index.js";
import type { DraftRecord, StoredRow } from "../../storage/index.js";
import type { CardAction } from "../cards/actions.js";
import { areaCard } from "../cards/area.js";
import { companyCard } from "../cards/company.js";
import { savedCard } from "../cards/notices.js";
import { answeredCount, applicableAreas, draftRefOf, firstUnansweredArea, previousArea, runDataOf } from "./drafts.js";
import { partnerEvidence, practiceLines } from "./practice.js";
import { publishAssessment } from "./publish.js";
import { draftCacheKey, StaleDraftCacheError } from "./draft-cache.js";
import { REFUSAL_MESSAGES, refuse, type Refusal, type StepResult } from "./refusals.js";
import { isSaved, saveDraftOrExplain } from "./saving.js";
import { cardForDraft } from "./screens.js";
import type { ConversationDeps, Speaker } from "./types.js";

/** Presses on the cards of a running assessment: every one is checked against the stored draft first. */
type RunAction = Extract<CardAction, { run: string }>;
type Loaded = { draft: DraftRecord; etag: string; fromCache: boolean };

/**
 * An answer first tries this instance's cached draft (one round trip: the conditional write). Any
 * decision that would refuse, or a write that finds the draft changed, is replayed on a fresh read.
 */
export async function handleRunAction(deps: ConversationDeps, speaker: Speaker, action: RunAction): Promise<StepResult> {
  const cacheKey = draftCacheKey(speaker.person, action.kind, action.subject ?? "");
  const cached = action.verb === "answer" ? deps.drafts?.get(cacheKey) : undefined;
  if (cached && cached.draft.runId === action.run) {
    try {
      return await handleLoaded(deps, action, { ...cached, fromCache: true });
    } catch (error) {
      if (!(error instanceof StaleDraftCacheError)) throw error;
      deps.drafts?.forget(cacheKey);
    }
  }
  const loaded = await loadRun(deps, speaker, action);
  if (!("draft" in loaded)) return loaded;
  return handleLoaded(deps, action, loaded);
}

async function handleLoaded(deps: ConversationDeps, action: RunAction, loaded: Loaded): Promise<StepResult> {
  const movesThroughAreas = action.verb === "back" || action.verb === "later";
  if (movesThroughAreas && loaded.draft.status === "completed") return refuse(deps, "finished", REFUSAL_MESSAGES.finished, { verb: action.verb });
  switch (action.verb) {
    case "answer":
      return answer(deps, loaded, action.area, action.stage, action.edit === true);
    case "back":
      return back(loaded.draft, action.area);
    case "later":
      return saveForLater(deps, loaded, action.area, action.stage);
    case "resume":
      return { card: cardForDraft(loaded.draft) };
    case "startOver":
      return startOverCard(loaded.draft);
    case "change":
      return beginChange(deps, loaded, action.area);
    case "summary":
      return backToSummary(deps, loaded);
  }
}

async function loadRun(deps: ConversationDeps, speaker: Speaker, action: RunAction): Promise<Loaded | StepResult> {
  if (action.kind === "partner" && !action.subject) return refuse(deps, "invalid-card", "That card's data doesn't look like a card I sent, so I didn't change anything. Type assess to get a fresh card.", { verb: action.verb });
  const row: StoredRow<DraftRecord> | undefined = await deps.repositories.people.getDraft(speaker.person, action.kind, action.subject ?? "");
  if (!row) return refuse(deps, "no-draft", REFUSAL_MESSAGES["no-draft"], { verb: action.verb });
  if (row.data.runId !== action.run) return refuse(deps, "earlier-run", REFUSAL_MESSAGES["earlier-run"], { verb: action.verb });
  deps.drafts?.remember({ draft: row.data, etag: row.etag });
  return { draft: row.data, etag: row.etag, fromCache: false };
}

async function answer(deps: ConversationDeps, { draft, etag, fromCache }: Loaded, area: AreaId, stage: AreaAnswer, edit: boolean): Promise<StepResult> {
  const changing = draft.status === "completed";
  const invalid = changing && !(edit && draft.editing === area) ? "finished" : invalidAnswer(deps, draft, area, stage, { dryRun: fromCache });
  if (invalid && fromCache) throw new StaleDraftCacheError("refusals are only decided on a fresh read");
  if (invalid === "finished") return refuse(deps, "finished", REFUSAL_MESSAGES.finished, { verb: "answer", area });
  if (invalid) return invalid;
  const now = deps.clock.now();
  const answers = { ...draft.answers, [area]: stage };
  const finished = firstUnansweredArea({ answers, formalVendorProgram: draft.formalVendorProgram }) === undefined;
  const completion = finished && !changing ? { status: "completed" as const, completedAt: now.toISOString(), cycle: cycleOf(now) } : {};
  const updated: DraftRecord = { ...draft, answers, updatedAt: now.toISOString(), editing: undefined, ...completion };
  const saved = await saveDraftOrExplain(deps, updated, etag, { fromCache });
  if (!isSaved(saved)) return saved;
  if (!finished) return { card: cardForDraft(saved.draft) };
  const sharedWith = await publishAssessment(deps, saved.draft);
  const notice = changing ? `Changed ${areaById(area).name} to ${answerName(stage)}.` : undefined;
  const practice = saved.draft.kind === "self" && sharedWith.length > 0 ? await practiceLines(deps, saved.draft.subject, saved.draft.answers) : undefined;
  const evidence = saved.draft.kind === "partner" ? await partnerEvidence(deps, saved.draft.subject, sharedWith.map((circle) => circle.circleId)) : undefined;
  return { card: cardForDraft(saved.draft, { sharedWith, ...(notice ? { notice } : {}), ...(practice ? { practice } : {}), ...(evidence ? { evidence } : {}) }) };
}

/** An answer the card could not have sent: an area this assessment does not ask, or "does not apply" where it must apply. */
function invalidAnswer(deps: ConversationDeps, draft: DraftRecord, area: AreaId, stage: AreaAnswer, options: { dryRun?: boolean } = {}): StepResult | undefined {
  const { name } = areaById(area);
  const refuseUnlessDryRun = (refusal: Refusal, message: string): StepResult => (options.dryRun ? { notice: message } : refuse(deps, refusal, message, { area }));
  if (!isApplicable(area, draft.formalVendorProgram)) {
    return refuseUnlessDryRun("area-not-asked", `${name} isn't part of this assessment, because ${draft.subject.companyName} runs no formal vendor program. I didn't save anything.`);
  }
  try {
    validateAnswers({ [area]: stage });
    return undefined;
  } catch (error) {
    if (!(error instanceof InvalidAnswerError)) throw error;
    return refuseUnlessDryRun("not-applicable-refused", `${name} applies to every company, so it can't be answered "does not apply". I didn't save anything; choose one of the sentences.`);
  }
}

/** "Save for later": the sentence picked on the card is saved first (as Next would), then the saved card. */
async function saveForLater(deps: ConversationDeps, loaded: Loaded, area: AreaId | undefined, stage: AreaAnswer | undefined): Promise<StepResult> {
  if (area === undefined || stage === undefined) return { card: savedCardOf(loaded.draft) };
  const answered = await answer(deps, loaded, area, stage, false);
  if (!("card" in answered)) return answered;
  const saved = await deps.repositories.people.getDraft(loaded.draft.person, loaded.draft.kind, loaded.draft.kind === "partner" ? loaded.draft.subject.companyId : "");
  return saved?.data.status === "in-progress" ? { card: savedCardOf(saved.data) } : answered;
}

function savedCardOf(draft: DraftRecord) {
  return savedCard({ answered: answeredCount(draft), total: applicableAreas(draft.formalVendorProgram).length, run: runDataOf(draft), ...subjectNameOf(draft) });
}

function back(draft: DraftRecord, area: AreaId): StepResult {
  const target = previousArea(draft, area) ?? area;
  return { card: areaCard({ draft, area: target }) };
}

/** Starting over is explicit: the first card again, with "Keep my answers" next to "Start over". */
function startOverCard(draft: DraftRecord): StepResult {
  const answered = answeredCount(draft);
  return {
    card: companyCard({
      for: draft.person.userId,
      draft: draftRefOf(draft),
      ...(draft.kind === "partner" ? { subject: draft.subject, subjectOutsideCircles: !isVerifiedCompanyId(draft.subject.companyId) } : {}),
      company: draft.rater,
      vendorProgram: draft.formalVendorProgram,
      previousRun: draft.runId,
      restart: true,
      notice: `Starting over clears the ${answered} ${answered === 1 ? "answer" : "answers"} you gave in this run.`,
    }),
  };
}

async function beginChange(deps: ConversationDeps, { draft, etag }: Loaded, area: AreaId): Promise<StepResult> {
  if (draft.status !== "completed") return { card: cardForDraft(draft, { notice: "Finish the remaining areas first; then you can change any answer from the summary." }) };
  if (!isApplicable(area, draft.formalVendorProgram)) return invalidAnswer(deps, draft, area, NOT_APPLICABLE) ?? { card: cardForDraft(draft) };
  const saved = await saveDraftOrExplain(deps, { ...draft, editing: area, updatedAt: deps.clock.now().toISOString() }, etag);
  if (!isSaved(saved)) return saved;
  return { card: cardForDraft(saved.draft) };
}

async function backToSummary(deps: ConversationDeps, { draft, etag }: Loaded): Promise<StepResult> {
  if (!draft.editing) return { card: cardForDraft(draft) };
  const saved = await saveDraftOrExplain(deps, { ...draft, editing: undefined, updatedAt: deps.clock.now().toISOString() }, etag);
  if (!isSaved(saved)) return saved;
  return { card: cardForDraft(saved.draft) };
}

function answerName(answer: AreaAnswer): string {
  return answer === NOT_APPLICABLE ? "does not apply" : stageById(answer).name;
}

function subjectNameOf(draft: DraftRecord): { subjectName?: string } {
  return draft.kind === "partner" ? { subjectName: draft.subject.companyName } : {};
}
