import { declineLeadCard as declineCard, leadCard as oneLead, leadFormCard as formCard, leadsCard as listCard, type LeadForm, type LeadSummary } from "../../circles/index.js";
import type { CircleRecord, CompanyRef } from "../../storage/index.js";
import type { AdaptiveCard } from "./elements.js";

/** The lead cards (circles/lead-cards.ts, shared with the reminders), full width in Teams like every bot card. */
function fullWidth(card: Omit<AdaptiveCard, "msteams">): AdaptiveCard {
  return { ...card, msteams: { width: "Full" } };
}

export function leadFormCard(form: LeadForm, options: { notice?: string } = {}): AdaptiveCard {
  return fullWidth(formCard(form, options));
}

export function leadCard(circle: Pick<CircleRecord, "name">, lead: LeadSummary, options: { notice?: string } = {}): AdaptiveCard {
  return fullWidth(oneLead(circle, lead, options));
}

export function declineLeadCard(circle: Pick<CircleRecord, "name">, lead: LeadSummary): AdaptiveCard {
  return fullWidth(declineCard(circle, lead));
}

export function leadsCard(circle: Pick<CircleRecord, "circleId" | "name" | "leadConnectWorkingDays">, leads: readonly LeadSummary[], viewer: CompanyRef, options: { notice?: string } = {}): AdaptiveCard {
  return fullWidth(listCard(circle, leads, viewer, options));
}
