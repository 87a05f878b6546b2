import { ConcurrencyError, EntityExistsError, EntityNotFoundError, type DraftRecord } from "../../storage/index.js";
import { REFUSAL_MESSAGES, type StepResult } from "./refusals.js";
import { StaleDraftCacheError } from "./draft-cache.js";
import { cardForDraft } from "./screens.js";
import type { ConversationDeps } from "./types.js";

export type SavedDraft = { draft: DraftRecord; etag: string };

/**
 * Saves a draft only if nobody changed it since it was read (etag). When it did change (another
 * device, a double press), nothing is overwritten: the person sees where the assessment stands now.
 */
export async function saveDraftOrExplain(deps: ConversationDeps, draft: DraftRecord, etag: string | undefined, options: { fromCache?: boolean } = {}): Promise<SavedDraft | StepResult> {
  try {
    const saved = { draft, etag: await deps.repositories.people.saveDraft(draft, etag) };
    deps.drafts?.remember(saved);
    return saved;
  } catch (error) {
    if (!(error instanceof ConcurrencyError || error instanceof EntityExistsError || error instanceof EntityNotFoundError)) throw error;
    if (options.fromCache) throw new StaleDraftCacheError("the cached draft changed in storage");
    deps.log.warn({ refusal: "outdated", kind: draft.kind }, "the assessment changed since this card was read; nothing overwritten");
    const current = await deps.repositories.people.getDraft(draft.person, draft.kind, draft.subject.companyId);
    if (!current) return { notice: REFUSAL_MESSAGES["no-draft"] };
    return { card: cardForDraft(current.data, { notice: `${REFUSAL_MESSAGES.outdated} Here is where it stands now.` }) };
  }
}

export function isSaved(result: SavedDraft | StepResult): result is SavedDraft {
  return "draft" in result;
}
