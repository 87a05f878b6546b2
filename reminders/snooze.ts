import { addLocalDays, ANNOUNCING_STEPS, REMINDER_RULES } from "../core/schedule/index.js";
import { assertMeeting, meetingIdOf, type ReminderRefInput } from "../circles/meetings.js";
import { requireMember, type MemberView } from "../circles/membership.js";
import type { Actor } from "../circles/identity.js";
import { NotFoundError } from "../circles/errors.js";
import { wallClockText } from "../platform/card-elements.js";
import { reminderKeys } from "../storage/partitions.js";
import type { ReminderContext } from "./context.js";
import { ReminderInputError } from "./errors.js";
import type { OccurrenceItem } from "./queue.js";
import { digest, personalChatTargetOf, type DeliveryTarget } from "./targets.js";

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
