import type { DraftRecord, PersonRef } from "../../storage/index.js";

/**
 * The drafts this server instance saved last, with their ETags, so that an answer costs one storage
 * round trip (the ETag-conditional write) instead of a read and a write. The cache is only a guess:
 * storage stays the truth. A write with a cached ETag that another instance or device has since
 * changed fails with 412, and the answer is then replayed on a fresh read — so the cache can make a
 * turn slower, never wrong. Bounded; the oldest entries go first.
 */
export interface CachedDraft {
  draft: DraftRecord;
  etag: string;
}

const MAX_ENTRIES = 5_000;

export class DraftCache {
  private readonly entries = new Map<string, CachedDraft>();

  get(key: string): CachedDraft | undefined {
    return this.entries.get(key);
  }

  remember(saved: CachedDraft): void {
    const key = draftCacheKey(saved.draft.person, saved.draft.kind, saved.draft.subject.companyId);
    this.entries.delete(key);
    this.entries.set(key, saved);
    if (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
  }

  forget(key: string): void {
    this.entries.delete(key);
  }
}

/** A person has one self-assessment draft (whatever their company) and one partner draft per rated company. */
export function draftCacheKey(person: Pick<PersonRef, "tenantId" | "userId">, kind: DraftRecord["kind"], subjectId: string): string {
  return JSON.stringify([person.tenantId, person.userId, kind, kind === "self" ? "" : subjectId]);
}

/** Thrown inside a turn when a decision rested on a cached draft that storage no longer holds. */
export class StaleDraftCacheError extends Error {
  override name = "StaleDraftCacheError";
}
