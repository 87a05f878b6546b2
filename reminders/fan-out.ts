import { isMeetingKind, stalenessOf } from "../core/schedule/index.js";
import type { Rhythm } from "../core/schedule/types.js";
import type { CircleSnapshot } from "../storage/repositories/circles.js";
import { reminderKeys } from "../storage/partitions.js";
import type { CompanyRef, MemberRecord, RhythmRecord } from "../storage/records.js";
import { companiesAssessedSince, rowsOfKind } from "../circles/agenda.js";
import { assessmentReminderCard, reminderSummary, type Audience } from "./cards.js";
import { meetingCardFor } from "./meeting-card.js";
import { cycleResultCardFor } from "./cycle-result-card.js";
import type { ReminderContext } from "./context.js";
import { newMeetingRecord, recordPlannedMeeting } from "../circles/meetings.js";
import type { DeliveryItem, OccurrenceItem, OccurrenceLogRecord, ReminderContent } from "./queue.js";
import { nextChainItem } from "./scheduling.js";
import { channelTargetOf, digest, personalTargetsOf, targetIdOf, type DeliveryTarget } from "./targets.js";

/** What one due occurrence item turns into. */
export interface FanOutPlan {
  outcome: OccurrenceLogRecord["outcome"];
  targets: DeliveryTarget[];
  content: ReminderContent | undefined;
  /** The next reminder of the rhythm's chain (none for a snooze, or once the schedule is stale). */
  next: OccurrenceItem | undefined;
}

export function reminderKeyOf(item: Pick<OccurrenceItem, "occurrence" | "rhythmKind" | "step" | "snooze">): string {
  return reminderKeys.reminderKey(item.occurrence, item.rhythmKind, item.step, item.snooze?.variant);
}

function skip(outcome: FanOutPlan["outcome"], next?: OccurrenceItem): FanOutPlan {
  return { outcome, targets: [], content: undefined, next };
}

function memberRows(snapshot: CircleSnapshot): MemberRecord[] {
  return snapshot.members.map((row) => row.data).filter((member) => member.status === "member");
}

/** A snoozed reminder goes back only where it was snoozed, and only while that is still the circle's. */
function snoozeTargetStillValid(snapshot: CircleSnapshot, target: DeliveryTarget): boolean {
  if (target.kind === "channel") return snapshot.circle.data.channel?.conversationId === target.conversationId;
  return memberRows(snapshot).some((member) => member.people.some((person) => person.tenantId === target.person.tenantId && person.userId === target.person.userId));
}

async function audienceOf(context: ReminderContext, snapshot: CircleSnapshot, onlyCompanies?: ReadonlySet<string>): Promise<DeliveryTarget[]> {
  const [channel, personal] = await Promise.all([channelTargetOf(context.repositories, snapshot.circle.data), personalTargetsOf(context.repositories, memberRows(snapshot), onlyCompanies)]);
  return channel ? [channel, ...personal] : personal;
}

function contentOf(snapshot: CircleSnapshot, rhythm: Rhythm, item: OccurrenceItem, now: Date, pending: readonly CompanyRef[]): ReminderContent {
  const circle = { circleId: snapshot.circle.data.circleId, name: snapshot.circle.data.name };
  const occurrence = new Date(item.occurrence);
  const cardFor = (audience: Audience): object =>
    isMeetingKind(rhythm.kind)
      ? meetingCardFor(snapshot, { rhythm, step: item.step, occurrence, audience }, now)
      : assessmentReminderCard({ circle, rhythm, step: item.step, cycleStart: occurrence, pending, audience });
  return { summary: reminderSummary(circle.name, rhythm, item.step, occurrence), cards: { channel: cardFor("channel"), personal: cardFor("personal") } };
}

/**
 * Decides, from the circle's current state, whether a due reminder still goes out and to whom:
 * the linked channel and the opted-in people of member companies; a nudge only to companies that
 * have not assessed since the cycle started; a snooze only back where it was snoozed.
 */
export async function planFanOut(context: ReminderContext, item: OccurrenceItem, now: Date): Promise<FanOutPlan> {
  const snapshot = await context.repositories.circles.snapshot(item.circleId);
  if (!snapshot) return skip("circle-gone");
  const record = rowsOfKind<RhythmRecord>(snapshot, "rhythm").find((candidate) => candidate.rhythm.kind === item.rhythmKind);
  if (!record || (item.scheduleId !== undefined && item.scheduleId !== record.scheduleId)) return skip("stale-schedule");
  const rhythm = record.rhythm;
  if (rhythm.paused) return skip("paused");
  const next = nextChainItem(item.circleId, rhythm, item);
  const occurrence = new Date(item.occurrence);
  const staleness = stalenessOf(rhythm, { step: item.step, occurrence }, now);
  if (staleness !== "current") return skip(staleness, next);
  if (item.step === "assessment-result") return planCycleResult(context, snapshot, rhythm, occurrence, next);
  const [meeting, recipients] = await Promise.all([
    isMeetingKind(rhythm.kind) ? recordPlannedMeeting(context, newMeetingRecord(item.circleId, rhythm.kind, occurrence, now)) : undefined,
    recipientsOf(context, snapshot, item, occurrence),
  ]);
  if (meeting?.status === "held") return skip("meeting-held", next);
  if (meeting?.status === "cancelled") return skip("meeting-cancelled", next);
  if (recipients.everyoneAnswered) return skip("everyone-answered", next);
  const { targets, pending } = recipients;
  if (targets.length === 0) return skip("no-targets", next);
  return { outcome: "fanned-out", targets, content: contentOf(snapshot, rhythm, item, now, pending), next };
}

/** The cycle's result goes to the linked channel only, and only when a member assessed itself in the cycle. */
async function planCycleResult(context: ReminderContext, snapshot: CircleSnapshot, rhythm: Rhythm, occurrence: Date, next: OccurrenceItem | undefined): Promise<FanOutPlan> {
  const card = cycleResultCardFor(snapshot, occurrence, context.tabLinks);
  if (!card) return skip("nobody-assessed", next);
  const channel = await channelTargetOf(context.repositories, snapshot.circle.data);
  if (!channel) return skip("no-targets", next);
  const summary = reminderSummary(snapshot.circle.data.name, rhythm, "assessment-result", occurrence);
  return { outcome: "fanned-out", targets: [channel], content: { summary, cards: { channel: card, personal: card } }, next };
}

interface Recipients {
  targets: DeliveryTarget[];
  /** Member companies that have not assessed since the cycle started (nudges only). */
  pending: CompanyRef[];
  everyoneAnswered: boolean;
}

async function recipientsOf(context: ReminderContext, snapshot: CircleSnapshot, item: OccurrenceItem, occurrence: Date): Promise<Recipients> {
  if (item.snooze) return { targets: snoozeTargetStillValid(snapshot, item.snooze.target) ? [item.snooze.target] : [], pending: [], everyoneAnswered: false };
  if (item.step !== "assessment-nudge-1" && item.step !== "assessment-nudge-2") return { targets: await audienceOf(context, snapshot), pending: [], everyoneAnswered: false };
  const answered = companiesAssessedSince(snapshot, occurrence);
  const pending = memberRows(snapshot).map((member) => member.company).filter((company) => !answered.has(company.companyId));
  if (pending.length === 0) return { targets: [], pending, everyoneAnswered: true };
  return { targets: await audienceOf(context, snapshot, new Set(pending.map((company) => company.companyId))), pending, everyoneAnswered: false };
}

export function deliveryItemOf(item: OccurrenceItem, target: DeliveryTarget): DeliveryItem {
  const reminderKey = reminderKeyOf(item);
  const targetId = targetIdOf(target);
  return {
    type: "delivery",
    itemId: digest(`${item.circleId}\n${reminderKey}\n${targetId}`),
    circleId: item.circleId,
    due: item.due,
    attempts: 0,
    reminderKey,
    targetId,
    rhythmKind: item.rhythmKind,
    step: item.step,
    occurrence: item.occurrence,
    target,
    history: [],
  };
}
