import { handleLeadCardAction, leadFormFor, type Actor, type LeadActionResult } from "../../circles/index.js";
import { queueLeadNotices, type ReminderContext } from "../../reminders/index.js";
import type { LeadRecord } from "../../storage/index.js";
import { declineLeadCard, leadCard, leadFormCard, leadsCard } from "../cards/leads.js";
import type { StepResult } from "./refusals.js";
import type { TurnOutcome } from "./types.js";
import { calendarDateText } from "../../platform/card-elements.js";

/**
 * Lead buttons and the `lead` command: circles/leads.ts decides, this turns results into cards.
 * A shared lead's notices (the lead, its reminder, a missed commitment) are queued for the
 * reminders' exactly-once dispatcher, which sends them to the receiving company's people in their
 * personal chats (never a channel: the customer is confidential to the two companies).
 */
export async function leadForm(reminders: ReminderContext, actor: Actor, circleId: string): Promise<StepResult> {
  return { card: leadFormCard(await leadFormFor(reminders, actor, circleId)) };
}

export async function handleLeadPress(reminders: ReminderContext, actor: Actor, data: Record<string, unknown>): Promise<StepResult | TurnOutcome> {
  const result = await handleLeadCardAction(reminders, actor, data, { beforeSave: (lead) => queueLeadNotices(reminders, lead) });
  if (result.kind !== "shared") return { card: cardOf(result) };
  const reachable = await reachablePeople(reminders, result.notify);
  const reach = reachable === 0 ? ` None of ${result.lead.receiver.companyName}'s people has a chat with me yet, so they will see it when one of them opens the circle's leads.` : ` ${reachable === 1 ? "Its person in the circle gets" : `${reachable} of its people get`} it in their chat with me.`;
  const notice = `Shared with ${result.lead.receiver.companyName}: they are asked to accept and connect with the customer by ${calendarDateText(result.lead.connectBy)}.${reach}`;
  return { update: leadCard(result.circle, result.lead, { notice }) };
}

function cardOf(result: Exclude<LeadActionResult, { kind: "shared" }>) {
  switch (result.kind) {
    case "form":
      return leadFormCard(result.form, result.notice ? { notice: result.notice } : {});
    case "lead":
      return leadCard(result.circle, result.lead, result.notice ? { notice: result.notice } : {});
    case "decline-form":
      return declineLeadCard(result.circle, result.lead);
    case "leads":
      return leadsCard(result.circle, result.leads, result.viewer, result.notice ? { notice: result.notice } : {});
  }
}

/** How many of the receiving company's people the bot can reach in their own personal chat. */
async function reachablePeople(reminders: ReminderContext, lead: LeadRecord): Promise<number> {
  const member = await reminders.repositories.circles.getMember(lead.circleId, lead.receiver.companyId);
  const chats = await Promise.all((member?.data.people ?? []).map((person) => reminders.repositories.conversations.getPersonalChat(person.tenantId, person.userId)));
  return chats.filter((chat) => chat?.data.active).length;
}
