import { moneyText, statusWords, type Commitment, type Money } from "../core/leads/index.js";
import { CONNECT_WORKING_DAYS_RANGE, DEFAULT_CONNECT_WORKING_DAYS } from "../core/scoring/thresholds.js";
import { TEXT_RULES } from "../core/text.js";
import {
  actionSet,
  adaptiveCard,
  calendarDateText,
  choiceSet,
  container,
  executeAction,
  facts,
  heading,
  paragraph,
  textInput,
  type AdaptiveCardJson,
  type CardAction,
  type CardElement,
} from "../platform/card-elements.js";
import type { CircleRecord, CompanyRef } from "../storage/records.js";
import type { LeadForm, LeadSummary } from "./leads.js";
import { CIRCLE_VERBS, LEAD_CURRENCIES, LEAD_INPUT_IDS, LEAD_VERBS } from "./verbs.js";

/** A card that may ask each reader's Teams to refresh it (Universal Actions), as the giver's copy of a lead does. */
export type LeadCardJson = AdaptiveCardJson & { refresh?: { action: CardAction } };

function notice(text: string | undefined): CardElement | undefined {
  return text ? container([{ type: "TextBlock", text, wrap: true, weight: "Bolder" }], { style: "emphasis" }) : undefined;
}

function withRefresh(card: AdaptiveCardJson, verb: string, data: Record<string, unknown>): LeadCardJson {
  return { ...card, refresh: { action: { type: "Action.Execute", title: "Refresh", verb, data: { ...data, verb } } } };
}

/**
 * Lead cards, sent by the bot and by the reminders' dispatcher (a lead passed, its reminder, a
 * missed commitment): the share form, one lead as its giver or receiver sees it (with the receiver's next
 * step as buttons), the decline form, and the circle's leads. The customer is on a card only for
 * the giving and receiving companies (LeadSummary carries it only for them).
 */

/** "9 Dec": short enough for "Accept — we connect by 9 Dec" to fit a phone's button row. */
function shortDate(isoDate: string): string {
  return new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", day: "numeric", month: "short" }).format(new Date(`${isoDate}T00:00:00Z`));
}

const COMMITMENT_WORDS: Readonly<Record<Commitment, string>> = {
  open: "open",
  kept: "kept: connected in time",
  missed: "**missed**: not connected by the date",
  none: "none (declined)",
};

function moneyOf(money: Money | undefined): string {
  return money ? moneyText([money]) : "not given";
}

/** `lead` and "Share a lead": to which member company (a choice, never typed), the customer, the need, the interest. */
export function leadFormCard(form: LeadForm, options: { notice?: string } = {}): LeadCardJson {
  const values = form.values ?? {};
  const back = executeAction("Back to the circle", CIRCLE_VERBS.showCircles, { circleId: form.circle.circleId });
  if (form.receivers.length === 0) {
    return adaptiveCard([notice(options.notice), heading(`Share a lead in ${form.circle.name}`), paragraph("No other company is a member of this circle yet. Invite a partner first; then you can pass leads to each other.")], [back]);
  }
  const receiver = values[LEAD_INPUT_IDS.receiver] ?? form.receivers[0]?.companyId;
  return adaptiveCard(
    [
      notice(options.notice),
      heading(`Share a lead in ${form.circle.name}`),
      paragraph("The customer and contact are seen only by your company and the one you pass the lead to; the rest of the circle sees counts and values.", { subtle: true }),
      choiceSet(LEAD_INPUT_IDS.receiver, "For which member company?", form.receivers.map((company) => ({ title: company.companyName, value: company.companyId })), receiver),
      { ...textInput(LEAD_INPUT_IDS.organisation, "Customer organisation", { maxLength: TEXT_RULES.customer.max, ...valueOf(values, LEAD_INPUT_IDS.organisation) }), isRequired: true, errorMessage: TEXT_RULES.customer.empty },
      textInput(LEAD_INPUT_IDS.contact, "Contact at the customer (optional)", { maxLength: TEXT_RULES.contact.max, ...valueOf(values, LEAD_INPUT_IDS.contact) }),
      { ...textInput(LEAD_INPUT_IDS.need, "What the customer needs", { maxLength: TEXT_RULES.need.max, ...valueOf(values, LEAD_INPUT_IDS.need) }), isMultiline: true, isRequired: true, errorMessage: TEXT_RULES.need.empty },
      { type: "Input.Toggle", id: LEAD_INPUT_IDS.interested, title: "The customer has expressed interest", label: "Has the customer expressed interest?", value: "false", valueOn: "true", valueOff: "false", wrap: true },
      { type: "Input.Number", id: LEAD_INPUT_IDS.amount, label: "Estimated value (optional)", min: 0, ...(values[LEAD_INPUT_IDS.amount] ? { value: Number(values[LEAD_INPUT_IDS.amount]) || undefined } : {}) },
      choiceSet(LEAD_INPUT_IDS.currency, "Currency", LEAD_CURRENCIES.map((code) => ({ title: code, value: code })), values[LEAD_INPUT_IDS.currency] ?? "EUR"),
      { type: "Input.Date", id: LEAD_INPUT_IDS.connectBy, label: "They connect with the customer by", value: values[LEAD_INPUT_IDS.connectBy] ?? form.connectBy },
    ],
    [executeAction("Share the lead", LEAD_VERBS.share, { circleId: form.circle.circleId }, { inputs: "auto", primary: true }), back],
  );
}

function valueOf(values: Record<string, string>, key: string): { value?: string } {
  return values[key] ? { value: values[key] } : {};
}

function leadFacts(lead: LeadSummary): CardElement {
  return facts([
    { title: "From", value: lead.giver.companyName },
    { title: "To", value: lead.receiver.companyName },
    ...(lead.customer ? [{ title: "Customer", value: lead.customer.organisation }] : []),
    ...(lead.customer?.contact ? [{ title: "Contact", value: lead.customer.contact }] : []),
    ...(lead.need ? [{ title: "Needs", value: lead.need }] : []),
    { title: "Estimated value", value: moneyOf(lead.estimate) },
    { title: "Connect by", value: calendarDateText(lead.connectBy) },
    { title: "Status", value: statusWords(lead.status) },
    ...(lead.declineReason ? [{ title: "Reason", value: lead.declineReason }] : []),
    ...(lead.wonValue ? [{ title: "Won", value: moneyOf(lead.wonValue) }] : []),
    { title: "Commitment", value: COMMITMENT_WORDS[lead.commitment] },
  ]);
}

const ref = (lead: LeadSummary): Record<string, unknown> => ({ circleId: lead.circleId, leadId: lead.leadId });

/** The receiving company's next step, as buttons; the giver only looks. */
function nextStep(lead: LeadSummary): { body: CardElement[]; actions: CardAction[] } {
  if (lead.party !== "receiver") return { body: [], actions: [] };
  switch (lead.status) {
    case "shared":
      return { body: [], actions: [executeAction(`Accept — we connect by ${shortDate(lead.connectBy)}`, LEAD_VERBS.accept, ref(lead), { primary: true }), executeAction("Decline", LEAD_VERBS.askDecline, ref(lead))] };
    case "accepted":
      return { body: [], actions: [executeAction("We connected with the customer", LEAD_VERBS.connected, ref(lead), { primary: true })] };
    case "connected":
      return {
        body: [
          { type: "Input.Number", id: LEAD_INPUT_IDS.wonAmount, label: "If won: what is the deal worth?", min: 0, ...(lead.estimate ? { value: lead.estimate.amount } : {}) },
          choiceSet(LEAD_INPUT_IDS.wonCurrency, "Currency", LEAD_CURRENCIES.map((code) => ({ title: code, value: code })), lead.estimate?.currency ?? "EUR"),
        ],
        actions: [
          executeAction("Won", LEAD_VERBS.outcome, { ...ref(lead), outcome: "won" }, { inputs: "auto", primary: true }),
          executeAction("Lost", LEAD_VERBS.outcome, { ...ref(lead), outcome: "lost" }),
          executeAction("No deal", LEAD_VERBS.outcome, { ...ref(lead), outcome: "no-deal" }),
        ],
      };
    default:
      return { body: [], actions: [] };
  }
}

/**
 * One lead, for the giving or the receiving company. Each press replaces it with the lead as it
 * now stands; the giver's copy refreshes itself when shown (Universal Actions).
 */
export function leadCard(circle: Pick<CircleRecord, "name">, lead: LeadSummary, options: { notice?: string } = {}): LeadCardJson {
  const step = nextStep(lead);
  const title = lead.party === "receiver" ? `A lead for ${lead.receiver.companyName} from ${lead.giver.companyName}` : `Your lead for ${lead.receiver.companyName}`;
  const card = adaptiveCard(
    [
      notice(options.notice),
      heading(title),
      paragraph(`${circle.name} · shared ${calendarDateText(lead.sharedAt.slice(0, 10))}. Confidential to ${lead.giver.companyName} and ${lead.receiver.companyName}.`, { subtle: true }),
      leadFacts(lead),
      ...step.body,
    ],
    [...step.actions, executeAction("The circle's leads", LEAD_VERBS.list, { circleId: lead.circleId })],
  );
  return lead.party === "giver" ? withRefresh(card, LEAD_VERBS.show, ref(lead)) : card;
}

/** "Decline": a reason is required; the giver sees it. */
export function declineLeadCard(circle: Pick<CircleRecord, "name">, lead: LeadSummary): LeadCardJson {
  return adaptiveCard(
    [
      heading(`Decline the lead from ${lead.giver.companyName}?`),
      paragraph(`${circle.name} · ${lead.customer?.organisation ?? "the customer"}. Say why, so that ${lead.giver.companyName} learns what leads you can take.`, { subtle: true }),
      { ...textInput(LEAD_INPUT_IDS.reason, "Reason", { maxLength: TEXT_RULES.reason.max, placeholder: "e.g. not our market; we are fully booked until March" }), isRequired: true, isMultiline: true, errorMessage: TEXT_RULES.reason.empty },
    ],
    [{ ...executeAction("Decline the lead", LEAD_VERBS.decline, ref(lead), { inputs: "auto" }), style: "destructive" }, executeAction("Back to the lead", LEAD_VERBS.show, ref(lead))],
  );
}

const LEADS_SHOWN = 12;

function leadLine(lead: LeadSummary): string {
  const who = lead.customer ? ` — **${lead.customer.organisation}**` : "";
  const value = lead.wonValue ? ` ${moneyOf(lead.wonValue)}` : lead.estimate ? `, est. ${moneyOf(lead.estimate)}` : "";
  const missed = lead.commitment === "missed" ? ", commitment **missed**" : "";
  return `${lead.giver.companyName} → ${lead.receiver.companyName}${who}: ${statusWords(lead.status)}${value}${missed} (${shortDate(lead.sharedAt.slice(0, 10))})`;
}

/** The circle's leads: the viewer's company's own ones name the customer; the others are only counted and timed. */
export function leadsCard(circle: Pick<CircleRecord, "circleId" | "name" | "leadConnectWorkingDays">, leads: readonly LeadSummary[], viewer: CompanyRef, options: { notice?: string } = {}): LeadCardJson {
  const own = leads.filter((lead) => lead.party !== undefined);
  const days = circle.leadConnectWorkingDays ?? DEFAULT_CONNECT_WORKING_DAYS;
  return adaptiveCard(
    [
      notice(options.notice),
      heading(`Leads in ${circle.name}`),
      paragraph(`${leads.length} shared in the circle; ${own.length} given or received by ${viewer.companyName}. Customers are shown only to the two companies of each lead.`, { subtle: true }),
      leads.length === 0 ? paragraph("No leads yet. The seed: \"Be generous – 'Givers gain'\".") : undefined,
      ...leads.slice(0, LEADS_SHOWN).map((lead) =>
        container([paragraph(leadLine(lead)), ...(lead.party ? [actionSet([executeAction("Open", LEAD_VERBS.show, ref(lead))])] : [])], { separator: true }),
      ),
      leads.length > LEADS_SHOWN ? paragraph(`…and ${leads.length - LEADS_SHOWN} older ones: the dashboard's give-and-take view counts them all.`, { subtle: true }) : undefined,
      container(
        [
          choiceSet(
            LEAD_INPUT_IDS.connectDays,
            "The circle's timeframe to connect (working days)",
            Array.from({ length: CONNECT_WORKING_DAYS_RANGE.max - CONNECT_WORKING_DAYS_RANGE.min + 1 }, (_, index) => String(CONNECT_WORKING_DAYS_RANGE.min + index)).map((value) => ({ title: value, value })),
            String(days),
          ),
          actionSet([executeAction("Save the timeframe", LEAD_VERBS.settings, { circleId: circle.circleId }, { inputs: "auto" })]),
        ],
        { separator: true },
      ),
    ],
    [executeAction("Share a lead", LEAD_VERBS.form, { circleId: circle.circleId }, { primary: true }), executeAction("Back to the circle", CIRCLE_VERBS.showCircles, { circleId: circle.circleId })],
  );
}
