import { addLocalDays, ANNOUNCING_STEPS, isMeetingKind, REMINDER_RULES, RHYTHM_NAMES } from "../core/schedule/index.js";
import type { ReminderStep, RhythmKind } from "../core/schedule/types.js";
import { circleRhythmKeys, reminderKeys } from "../storage/partitions.js";
import type { MeetingRecord, MeetingStatus } from "../storage/records.js";
import { ConcurrencyError, EntityExistsError } from "../storage/table-store.js";
import { wallClockText } from "./card-elements.js";
import { requireMember, type Actor, type MemberView } from "./circles.js";
import type { ReminderContext } from "./context.js";
import { ConflictError, NotFoundError, ReminderInputError } from "./errors.js";
import type { OccurrenceItem } from "./queue.js";
import { digest, personalChatTargetOf, type DeliveryTarget } from "./targets.js";

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
export async function recordPlannedMeeting(context: ReminderContext, record: MeetingRecord): Promise<MeetingRecord> {
  try {
    await context.repositories.circles.saveMeeting(record);
    return record;
  } catch (error) {
    if (!(error instanceof EntityExistsError)) throw error;
    return (await context.repositories.circles.getMeeting(record.circleId, record.meetingId))?.data ?? record;
  }
}

function assertMeeting(input: ReminderRefInput): Date {
  if (!isMeetingKind(input.rhythmKind)) throw new ReminderInputError("Only meetings can be held, skipped or snoozed; an assessment cycle cannot.");
  return new Date(input.occurrence);
}

/** "We held this meeting" (held) or "Skip this one" (cancelled): kept in the circle's record of meetings held vs planned. */
export async function markMeeting(context: ReminderContext, actor: Actor, input: ReminderRefInput, status: Exclude<MeetingStatus, "planned">): Promise<MeetingRecord> {
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

/** The conversation a snooze was pressed in: the circle's channel, or the person's own chat with the bot. */
async function snoozeTargetOf(context: ReminderContext, view: MemberView, actor: Actor, conversationId: string): Promise<DeliveryTarget> {
  const channel = view.circle.data.channel;
  if (channel?.conversationId === conversationId) return { kind: "channel", conversationId, serviceUrl: channel.serviceUrl, tenantId: channel.tenantId };
  const personal = await personalChatTargetOf(context.repositories, actor.person);
  if (personal?.conversationId === conversationId) return personal;
  throw new ReminderInputError("I can snooze a reminder only in the circle's channel or in your personal chat with me.");
}

/**
 * "Snooze 1 day": the same reminder comes back a calendar day later (same local time), in the
 * conversation where the button was pressed, unless the meeting is held or skipped by then. A
 * reminder before a meeting never comes back after the meeting has started: then it comes at the start.
 */
export async function snoozeReminder(context: ReminderContext, actor: Actor, input: ReminderRefInput, where: { conversationId: string }): Promise<{ due: Date; timeZone: string; atMeetingStart: boolean }> {
  const view = await requireMember(context, actor, input.circleId, "see-reminders");
  const occurrence = assertMeeting(input);
  const rhythm = await context.repositories.circles.getRhythm(input.circleId, input.rhythmKind);
  if (!rhythm) throw new NotFoundError("This rhythm no longer exists, so there is nothing to snooze.");
  const meeting = await context.repositories.circles.getMeeting(input.circleId, meetingIdOf(input.rhythmKind, occurrence));
  if (meeting && meeting.data.status !== "planned") throw new ReminderInputError(`This meeting is already marked ${meeting.data.status === "held" ? "held" : "skipped"}, so there is nothing to snooze.`);
  const { timeZone } = rhythm.data.rhythm;
  const now = context.clock.now();
  const dayLater = addLocalDays(now, REMINDER_RULES.snoozeDays, timeZone);
  const atMeetingStart = ANNOUNCING_STEPS.includes(input.step) && dayLater > occurrence;
  const due = atMeetingStart ? occurrence : dayLater;
  if (due <= now) throw new ReminderInputError(`The meeting started on ${wallClockText(occurrence, timeZone)}; there is nothing left to snooze. Mark it held or skipped instead.`);
  const target = await snoozeTargetOf(context, view, actor, where.conversationId);
  const variant = `snooze-${due.toISOString()}`;
  const item: OccurrenceItem = {
    type: "occurrence",
    itemId: digest(["snooze", input.circleId, reminderKeys.reminderKey(input.occurrence, input.rhythmKind, input.step, variant), where.conversationId].join("\n")),
    circleId: input.circleId,
    due: due.toISOString(),
    attempts: 0,
    rhythmKind: input.rhythmKind,
    step: input.step,
    occurrence: occurrence.toISOString(),
    snooze: { target, variant },
  };
  await context.queue.enqueue(item);
  context.logger.info({ circleId: input.circleId, rhythm: input.rhythmKind, due: item.due }, "reminder snoozed");
  return { due, timeZone, atMeetingStart };
}
