import { randomUUID } from "node:crypto";
import { CADENCES_BY_KIND, defaultRhythm, isMeetingKind, isValidTimeZone, nextOccurrence, validateRhythm } from "../core/schedule/index.js";
import { RHYTHM_KINDS, type Cadence, type PlannedReminder, type Rhythm, type RhythmKind } from "../core/schedule/types.js";
import type { RhythmRecord } from "../storage/records.js";
import { ConcurrencyError, EntityExistsError, type StoredRow } from "../storage/table-store.js";
import { meetingTally } from "../circles/agenda.js";
import type { RhythmOverview } from "./cards.js";
import type { Actor } from "../circles/identity.js";
import { requireMember } from "../circles/membership.js";
import type { ReminderContext } from "./context.js";
import { ConflictError, NotFoundError } from "../circles/errors.js";
import { firstChainItem } from "./scheduling.js";

export interface SavedRhythm {
  record: RhythmRecord;
  /** The first reminder now queued; undefined while paused. */
  firstReminder: Pick<PlannedReminder, "step" | "due" | "occurrence"> | undefined;
}

/**
 * Saves a rhythm under a new schedule id. The first reminder is queued before the rhythm is saved:
 * if the save then fails (a concurrent change, a crash), the queued reminder carries a schedule id
 * no rhythm has and is dropped when due. A stored rhythm therefore always has its reminder queued.
 */
async function saveWithSchedule(context: ReminderContext, actor: Actor, circleId: string, rhythm: Rhythm, existing: StoredRow<RhythmRecord> | undefined): Promise<SavedRhythm> {
  const now = context.clock.now();
  const scheduleId = randomUUID();
  const item = rhythm.paused ? undefined : firstChainItem(circleId, rhythm, scheduleId, now);
  if (item) await context.queue.enqueue(item);
  const record: RhythmRecord = { circleId, rhythm, scheduleId, updatedAt: now.toISOString(), updatedBy: actor.company };
  try {
    await context.repositories.circles.saveRhythm(record, existing?.etag);
  } catch (error) {
    if (error instanceof ConcurrencyError || error instanceof EntityExistsError) throw new ConflictError("Someone changed this rhythm at the same moment; show the rhythms and try again.");
    throw error;
  }
  context.logger.info({ circleId, rhythm: rhythm.kind, paused: rhythm.paused }, "rhythm saved");
  return { record, firstReminder: item ? { step: item.step, due: new Date(item.due), occurrence: new Date(item.occurrence) } : undefined };
}

/** Sets or changes a rhythm (validated by the core rules); reminders planned under the old settings are dropped. */
export async function setRhythm(context: ReminderContext, actor: Actor, circleId: string, rhythm: Rhythm): Promise<SavedRhythm> {
  await requireMember(context, actor, circleId, "change");
  const valid = validateRhythm(rhythm);
  const existing = await context.repositories.circles.getRhythm(circleId, valid.kind);
  return saveWithSchedule(context, actor, circleId, valid, existing);
}

async function existingRhythm(context: ReminderContext, circleId: string, kind: RhythmKind): Promise<StoredRow<RhythmRecord>> {
  const existing = await context.repositories.circles.getRhythm(circleId, kind);
  if (!existing) throw new NotFoundError("This circle has no such rhythm yet; set it first.");
  return existing;
}

/** Pauses (nothing is sent) or resumes (reminders start again from now) a rhythm. */
export async function pauseRhythm(context: ReminderContext, actor: Actor, circleId: string, kind: RhythmKind, paused: boolean): Promise<SavedRhythm> {
  await requireMember(context, actor, circleId, "change");
  const existing = await existingRhythm(context, circleId, kind);
  return saveWithSchedule(context, actor, circleId, { ...existing.data.rhythm, paused }, existing);
}

export interface RhythmsView {
  overviews: RhythmOverview[];
  /** Kinds the circle has not set yet. */
  missing: RhythmKind[];
}

/** The circle's rhythms with their next date and, for meetings, held vs planned. Members only. */
export async function showRhythms(context: ReminderContext, actor: Actor, circleId: string): Promise<RhythmsView> {
  await requireMember(context, actor, circleId, "see-reminders");
  const snapshot = await context.repositories.circles.snapshot(circleId);
  if (!snapshot) throw new NotFoundError("I can't find that circle any more.");
  const now = context.clock.now();
  const records = (snapshot.otherRows.get("rhythm") ?? []).map((row) => row.data as RhythmRecord);
  const overviews = RHYTHM_KINDS.flatMap((kind) => {
    const record = records.find((candidate) => candidate.rhythm.kind === kind);
    if (!record) return [];
    return [{ rhythm: record.rhythm, nextOccurrence: record.rhythm.paused ? undefined : nextOccurrence(record.rhythm, now), meetings: isMeetingKind(kind) ? meetingTally(snapshot, kind, now) : undefined }];
  });
  return { overviews, missing: RHYTHM_KINDS.filter((kind) => !records.some((record) => record.rhythm.kind === kind)) };
}

/** The rhythm to fill a "set / change" form with: the stored one, or the kind's default in the given time zone. */
export async function rhythmForForm(context: ReminderContext, actor: Actor, circleId: string, kind: RhythmKind, timeZone: string): Promise<{ rhythm: Rhythm; cadences: readonly Cadence[] }> {
  await requireMember(context, actor, circleId, "change");
  const existing = await context.repositories.circles.getRhythm(circleId, kind);
  return { rhythm: existing?.data.rhythm ?? defaultRhythm(kind, isValidTimeZone(timeZone) ? timeZone : "UTC"), cadences: CADENCES_BY_KIND[kind] };
}
