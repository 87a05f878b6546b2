import { isMeetingKind, RHYTHM_NAMES } from "../core/schedule/index.js";
import type { ReminderStep, RhythmKind } from "../core/schedule/types.js";
import { circleRhythmKeys } from "../storage/partitions.js";
import type { MeetingRecord, MeetingStatus } from "../storage/records.js";
import { ConcurrencyError, EntityExistsError } from "../storage/table-store.js";
import type { CircleContext } from "./context.js";
import { CircleInputError, ConflictError } from "./errors.js";
import type { Actor } from "./identity.js";
import { requireMember } from "./membership.js";

/**
 * The circle's meetings: planned when their first reminder goes out, then held or skipped by a
 * member ("We held this meeting", "Skip this one"). The dashboard counts held vs planned.
 */
/** A reminder, as its card's buttons name it. */
export interface ReminderRefInput {
  circleId: string;
  rhythmKind: RhythmKind;
  step: ReminderStep;
  /** ISO start of the meeting. */
  occurrence: string;
}

export function meetingIdOf(rhythmKind: RhythmKind, occurrence: Date): string {
  return circleRhythmKeys.meetingId(rhythmKind, occurrence.toISOString());
}

export function newMeetingRecord(circleId: string, rhythmKind: RhythmKind, plannedFor: Date, now: Date): MeetingRecord {
  return { circleId, meetingId: meetingIdOf(rhythmKind, plannedFor), rhythmKind, title: RHYTHM_NAMES[rhythmKind], plannedFor: plannedFor.toISOString(), status: "planned", updatedAt: now.toISOString() };
}

/** Records a meeting as planned when its first reminder goes out; an existing record (held, skipped) is kept. */
export async function recordPlannedMeeting(context: CircleContext, record: MeetingRecord): Promise<MeetingRecord> {
  try {
    await context.repositories.circles.saveMeeting(record);
    return record;
  } catch (error) {
    if (!(error instanceof EntityExistsError)) throw error;
    return (await context.repositories.circles.getMeeting(record.circleId, record.meetingId))?.data ?? record;
  }
}

export function assertMeeting(input: ReminderRefInput): Date {
  if (!isMeetingKind(input.rhythmKind)) throw new CircleInputError("Only meetings can be held, skipped or snoozed; an assessment cycle cannot.");
  return new Date(input.occurrence);
}

/** "We held this meeting" (held) or "Skip this one" (cancelled): kept in the circle's record of meetings held vs planned. */
export async function markMeeting(context: CircleContext, actor: Actor, input: ReminderRefInput, status: Exclude<MeetingStatus, "planned">): Promise<MeetingRecord> {
  await requireMember(context, actor, input.circleId, "change");
  const plannedFor = assertMeeting(input);
  const now = context.clock.now();
  const existing = await context.repositories.circles.getMeeting(input.circleId, meetingIdOf(input.rhythmKind, plannedFor));
  const base = existing?.data ?? newMeetingRecord(input.circleId, input.rhythmKind, plannedFor, now);
  const { heldAt: _heldAt, cancelledAt: _cancelledAt, ...rest } = base;
  const record: MeetingRecord = { ...rest, status, updatedAt: now.toISOString(), updatedBy: actor.company, ...(status === "held" ? { heldAt: now.toISOString() } : { cancelledAt: now.toISOString() }) };
  try {
    await context.repositories.circles.saveMeeting(record, existing?.etag);
  } catch (error) {
    if (error instanceof ConcurrencyError || error instanceof EntityExistsError) throw new ConflictError("Someone updated this meeting at the same moment; please try again.");
    throw error;
  }
  context.logger.info({ circleId: input.circleId, rhythm: input.rhythmKind, status }, "meeting marked");
  return record;
}

