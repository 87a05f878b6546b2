import { handleLeadCardAction, leadFormFor, leadSummaryFor, type Actor, type LeadActionResult } from "../../circles/index.js";
import { dayOf } from "../../core/leads/index.js";
import type { ReminderContext } from "../../reminders/index.js";
import type { CircleRecord, LeadRecord } from "../../storage/index.js";
import { declineLeadCard, leadCard, leadFormCard, leadsCard } from "../cards/leads.js";
import type { StepResult } from "./refusals.js";
import type { Delivery, TurnOutcome } from "./types.js";

/**
 * Lead buttons and the `lead` command: circles/leads.ts decides, this turns results into cards.
 * A shared lead goes, as its own card, to the personal chats of the receiving company's people
 * (never to a channel: the customer is confidential to the two companies).
 */
export async function leadForm(reminders: ReminderContext, actor: Actor, circleId: string): Promise<StepResult> {
  return { card: leadFormCard(await leadFormFor(reminders, actor, circleId)) };
}

export async function handleLeadPress(reminders: ReminderContext, actor: Actor, data: Record<string, unknown>): Promise<StepResult | TurnOutcome> {
  const result = await handleLeadCardAction(reminders, actor, data);
  if (result.kind !== "shared") return { card: cardOf(result) };
  const deliveries = await receiverDeliveries(reminders, result.circle, result.notify);
  const reach = deliveries.length === 0 ? ` None of ${result.lead.receiver.companyName}'s people has a chat with me yet, so they will see it when one of them opens the circle's leads.` : ` ${deliveries.length === 1 ? "Its person in the circle has" : `${deliveries.length} of its people have`} it in their chat with me now.`;
  const notice = `Shared with ${result.lead.receiver.companyName}: they are asked to accept and connect with the customer by ${result.lead.connectBy}.${reach}`;
  return { update: leadCard(result.circle, result.lead, { notice }), ...(deliveries.length > 0 ? { elsewhere: deliveries } : {}) };
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
      return leadsCard(result.circle, result.leads, result.viewer);
  }
}

/** The receiving company's people the bot can reach in their own personal chat (their own tenant's). */
async function receiverDeliveries(reminders: ReminderContext, circle: CircleRecord, lead: LeadRecord): Promise<Delivery[]> {
  const member = await reminders.repositories.circles.getMember(circle.circleId, lead.receiver.companyId);
  const card = leadCard(circle, leadSummaryFor(lead, lead.receiver.companyId, dayOf(reminders.clock.now())), { notice: `${lead.giver.companyName} passed you a lead in ${circle.name}.` });
  const chats = await Promise.all((member?.data.people ?? []).map((person) => reminders.repositories.conversations.getPersonalChat(person.tenantId, person.userId)));
  return chats.flatMap((chat) => (chat?.data.active ? [{ chat: chat.data, messages: [{ kind: "card" as const, card }] }] : []));
}
