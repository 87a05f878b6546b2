import { addDays, isoDateOf, parseIsoDate, weekdayIndexOf } from "../schedule/zoned-time.js";

/**
 * A lead passed from one member company (the giver) to another (the receiver) in a circle:
 * shared → accepted ("we connect by <date>") or declined (with a reason) → connected with the
 * customer → won (with its value), lost or no deal. The seed: "Identify opportunities, commit to
 * connect within a certain timeframe"; the receiver's commitment is the connect-by date.
 */
export const LEAD_STATUSES = ["shared", "accepted", "declined", "connected", "won", "lost", "no-deal"] as const;
export type LeadStatus = (typeof LEAD_STATUSES)[number];
export const LEAD_OUTCOMES = ["won", "lost", "no-deal"] as const;
export type LeadOutcome = (typeof LEAD_OUTCOMES)[number];

export interface Money {
  amount: number;
  /** ISO 4217, e.g. "EUR". */
  currency: string;
}

/** What the rules need of a lead; storage's LeadRecord has these and more (never the customer here). */
export interface LeadFacts {
  giver: { companyId: string };
  receiver: { companyId: string };
  status: LeadStatus;
  /** ISO instant. */
  sharedAt: string;
  /** "YYYY-MM-DD": the receiver connects with the customer on or before this day. */
  connectBy: string;
  connectedAt?: string;
  estimate?: Money;
  wonValue?: Money;
}

/** Whether the receiver kept its commitment to connect: "open" until the date passes, "none" when it declined. */
export type Commitment = "open" | "kept" | "missed" | "none";

export class LeadRuleError extends Error {
  override readonly name = "LeadRuleError";
}

/** Which step may follow which: a replayed or out-of-order press finds the lead elsewhere and changes nothing. */
const NEXT: Readonly<Record<LeadStatus, readonly LeadStatus[]>> = {
  shared: ["accepted", "declined"],
  accepted: ["connected"],
  declined: [],
  connected: ["won", "lost", "no-deal"],
  won: [],
  lost: [],
  "no-deal": [],
};

export function mayMove(from: LeadStatus, to: LeadStatus): boolean {
  return NEXT[from].includes(to);
}

const STATUS_WORDS: Readonly<Record<LeadStatus, string>> = {
  shared: "waiting for an answer",
  accepted: "accepted",
  declined: "declined",
  connected: "connected with the customer",
  won: "won",
  lost: "lost",
  "no-deal": "no deal",
};

export function statusWords(status: LeadStatus): string {
  return STATUS_WORDS[status];
}

/** The calendar day (UTC) of an instant, "YYYY-MM-DD". */
export function dayOf(instant: string | Date): string {
  return (typeof instant === "string" ? new Date(instant) : instant).toISOString().slice(0, 10);
}

/** The day `count` working days (Monday–Friday) after `day`; a lead shared on Friday with 5 is due the next Friday. */
export function addWorkingDays(day: string, count: number): string {
  let date = parseIsoDate(day);
  if (!date) throw new LeadRuleError(`Not a calendar date: ${day}`);
  for (let added = 0; added < count; ) {
    date = addDays(date, 1);
    const weekday = weekdayIndexOf(date);
    if (weekday !== 0 && weekday !== 6) added += 1;
  }
  return isoDateOf(date);
}

/** The receiver's commitment as of `today` ("YYYY-MM-DD"): kept when it connected on or before the connect-by day. */
export function commitmentOf(lead: LeadFacts, today: string): Commitment {
  if (lead.status === "declined") return "none";
  if (lead.connectedAt !== undefined) return dayOf(lead.connectedAt) <= lead.connectBy ? "kept" : "missed";
  return today > lead.connectBy ? "missed" : "open";
}

/** Days from sharing to connecting, one decimal; undefined until connected. */
export function daysToConnect(lead: Pick<LeadFacts, "sharedAt" | "connectedAt">): number | undefined {
  if (lead.connectedAt === undefined) return undefined;
  const days = (Date.parse(lead.connectedAt) - Date.parse(lead.sharedAt)) / 86_400_000;
  return Math.round(Math.max(0, days) * 10) / 10;
}
