import { leadCard, leadSummaryFor } from "../circles/index.js";
import { commitmentOf, dayOf } from "../core/leads/index.js";
import { calendarDateText } from "../platform/card-elements.js";
import { reminderKeys } from "../storage/partitions.js";
import type { CircleRecord, LeadRecord, PersonRef } from "../storage/records.js";
import type { StoredRow } from "../storage/table-store.js";
import type { ReminderContext } from "./context.js";
import type { DispatchSettings } from "./limits.js";
import type { DeliveryItem, LeadNoticeItem, OccurrenceLogRecord, ReminderContent } from "./queue.js";
import { digest, personalChatTargetOf, targetIdOf, type DeliveryTarget } from "./targets.js";

/**
 * Lead notices through the exactly-once dispatcher: the lead card to the receiving company's people
 * when it is passed, one reminder on the connect-by day if it is not connected yet, and a note the
 * day after that the commitment was missed. Each is a queue item that fans out, like a rhythm's
 * reminder, into one delivery per person, in their own organisation's personal chat — never a
 * channel, since the customer is confidential to the two companies. Whether a notice still goes out
 * is decided when it is due, from the lead as it then stands.
 */
export const LEAD_NOTICE_STEPS = ["lead-shared", "lead-reminder", "lead-missed"] as const;
export type LeadNoticeStep = (typeof LEAD_NOTICE_STEPS)[number];

/** Notices go out at this UTC hour of their day (the connect-by day, the day after it). */
const NOTICE_HOUR_UTC = 8;

function noticeTime(day: string, now: Date): string {
  const at = new Date(`${day}T${String(NOTICE_HOUR_UTC).padStart(2, "0")}:00:00.000Z`);
  return (at > now ? at : now).toISOString();
}

export function leadNoticeItem(lead: Pick<LeadRecord, "circleId" | "leadId">, step: LeadNoticeStep, due: string): LeadNoticeItem {
  return { type: "lead-notice", itemId: digest(`${lead.circleId}\n${lead.leadId}\n${step}`), circleId: lead.circleId, leadId: lead.leadId, step, due, attempts: 0 };
}

/** The three notices of a newly passed lead: now, on its connect-by day, and the day after. */
export function leadNoticesFor(lead: Pick<LeadRecord, "circleId" | "leadId" | "connectBy">, now: Date): LeadNoticeItem[] {
  return [
    leadNoticeItem(lead, "lead-shared", now.toISOString()),
    leadNoticeItem(lead, "lead-reminder", noticeTime(lead.connectBy, now)),
    leadNoticeItem(lead, "lead-missed", noticeTime(nextDay(lead.connectBy), now)),
  ];
}

function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** Queues a lead's notices; queuing them again (a retried share) adds nothing. */
export async function queueLeadNotices(context: ReminderContext, lead: LeadRecord): Promise<void> {
  for (const item of leadNoticesFor(lead, context.clock.now())) await context.queue.enqueue(item);
}

/** What the receiver reads above the lead card, by step; undefined when the step no longer applies. */
function noticeText(step: LeadNoticeStep, lead: LeadRecord, circle: CircleRecord, today: string): string | undefined {
  const open = lead.status === "shared" || lead.status === "accepted";
  switch (step) {
    case "lead-shared":
      return lead.status === "shared" ? `${lead.giver.companyName} passed you a lead in ${circle.name}.` : undefined;
    case "lead-reminder":
      // One reminder, and not on the day the lead was passed (the lead itself has just arrived).
      if (!open || today > lead.connectBy || dayOf(lead.sharedAt) === today) return undefined;
      return lead.status === "shared"
        ? `Reminder: this lead from ${lead.giver.companyName} is waiting for your answer. Accept it and connect with the customer by ${calendarDateText(lead.connectBy)}, or decline it.`
        : `Reminder: you committed to connect with the customer by ${calendarDateText(lead.connectBy)}. Press "We connected with the customer" once you have.`;
    case "lead-missed":
      return open && commitmentOf(lead, today) === "missed"
        ? `The connect-by date, ${calendarDateText(lead.connectBy)}, has passed without a connection: the commitment is recorded as missed. You can still connect and record the outcome.`
        : undefined;
  }
}

/** The lead card as the receiving company sees it, with the notice above it. */
export function leadNoticeCard(circle: Pick<CircleRecord, "name">, lead: LeadRecord, notice: string, today: string): object {
  return leadCard(circle, leadSummaryFor(lead, lead.receiver.companyId, today), { notice });
}

/** The notice a step gives for a lead as it now stands, or undefined when the step no longer applies. */
export function leadNoticeText(step: LeadNoticeStep, lead: LeadRecord, circle: CircleRecord, today: string): string | undefined {
  return noticeText(step, lead, circle, today);
}

interface NoticePlan {
  outcome: OccurrenceLogRecord["outcome"];
  targets: DeliveryTarget[];
  content: ReminderContent | undefined;
}

async function receiverTargets(context: ReminderContext, lead: LeadRecord): Promise<DeliveryTarget[]> {
  const member = await context.repositories.circles.getMember(lead.circleId, lead.receiver.companyId);
  if (member?.data.status !== "member") return [];
  const people = new Map<string, PersonRef>(member.data.people.map((person) => [`${person.tenantId}\n${person.userId}`, person]));
  const targets = await Promise.all([...people.values()].map((person) => personalChatTargetOf(context.repositories, person)));
  return targets.filter((target): target is DeliveryTarget => target !== undefined);
}

async function planNotice(context: ReminderContext, item: LeadNoticeItem, now: Date): Promise<NoticePlan> {
  const [circle, lead] = await Promise.all([context.repositories.circles.get(item.circleId), context.repositories.circles.getLead(item.circleId, item.leadId)]);
  if (!circle || !lead) return { outcome: "circle-gone", targets: [], content: undefined };
  const today = dayOf(now);
  const text = noticeText(item.step, lead.data, circle.data, today);
  if (!text) return { outcome: "over", targets: [], content: undefined };
  const targets = await receiverTargets(context, lead.data);
  if (targets.length === 0) return { outcome: "no-targets", targets, content: undefined };
  const card = leadNoticeCard(circle.data, lead.data, text, today);
  // The summary is the notification's preview: it never names the customer.
  return { outcome: "fanned-out", targets, content: { summary: `A lead from ${lead.data.giver.companyName} in ${circle.data.name}`, cards: { channel: card, personal: card } } };
}

function deliveryOf(item: LeadNoticeItem, reminderKey: string, target: DeliveryTarget): DeliveryItem {
  const targetId = targetIdOf(target);
  return { type: "delivery", itemId: digest(`${item.circleId}\n${reminderKey}\n${targetId}`), circleId: item.circleId, due: item.due, attempts: 0, reminderKey, targetId, rhythmKind: "lead", step: item.step, occurrence: item.due, target, history: [] };
}

/**
 * The dispatcher's branch for a due lead notice: claim it, decide, record what became of it (with
 * the card its deliveries send), and replace it by its deliveries in one transaction.
 */
export async function fanOutLeadNotice(deps: { context: ReminderContext; owner: string; settings: Pick<DispatchSettings, "leaseMs"> }, row: StoredRow<LeadNoticeItem>): Promise<{ result: "fanned-out" | "conflict"; queued: StoredRow<DeliveryItem>[]; content?: ReminderContent }> {
  const { context } = deps;
  const now = context.clock.now();
  const claimed = await context.queue.claim(row, deps.owner, now, deps.settings.leaseMs);
  if (!claimed) return { result: "conflict", queued: [] };
  const item = claimed.data;
  const reminderKey = reminderKeys.leadNoticeKey(item.leadId, item.step);
  const plan = await planNotice(context, item, now);
  await context.queue.recordOccurrence({ circleId: item.circleId, reminderKey, rhythmKind: "lead", step: item.step, occurrence: item.due, outcome: plan.outcome, targets: plan.targets.length, at: now.toISOString(), ...(plan.content ? { content: plan.content } : {}) });
  const queued = await context.queue.fanOut(claimed, plan.targets.map((target) => deliveryOf(item, reminderKey, target)), undefined);
  return queued ? { result: "fanned-out", queued } : { result: "conflict", queued: [] };
}
