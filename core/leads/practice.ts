import { cycleOf, previousCycle } from "../cycles.js";
import {
  COMMITMENTS_MIN_DUE,
  COMMITMENTS_MIN_KEPT_SHARE,
  GIVERS_GAIN_MIN_GIVEN,
  PRACTICE_PERIOD_QUARTERS,
  TAKES_MAX_GIVEN,
  TAKES_MIN_RECEIVED,
} from "../scoring/thresholds.js";
import { commitmentOf, dayOf, daysToConnect, type LeadFacts, type Money } from "./lifecycle.js";

/** A period of calendar quarters ending now; leads count in it by the day they were shared. */
export const PERIOD_IDS = ["this-quarter", "two-quarters", "year", "all"] as const;
export type PeriodId = (typeof PERIOD_IDS)[number];
const PERIOD_QUARTERS: Readonly<Record<PeriodId, number | undefined>> = { "this-quarter": 1, "two-quarters": PRACTICE_PERIOD_QUARTERS, year: 4, all: undefined };
const PERIOD_NAMES: Readonly<Record<PeriodId, string>> = { "this-quarter": "this quarter", "two-quarters": "the last two quarters", year: "the last four quarters", all: "all time" };
export const DEFAULT_PERIOD: PeriodId = "two-quarters";

export interface Period {
  id: PeriodId;
  /** "the last two quarters". */
  name: string;
  /** ISO instant, inclusive; undefined for all time. */
  from: string | undefined;
  /** ISO instant (now), inclusive. */
  to: string;
}

function quarterStart(cycle: string): Date {
  return new Date(Date.UTC(Number(cycle.slice(0, 4)), (Number(cycle.slice(6)) - 1) * 3, 1));
}

export function periodOf(id: PeriodId, now: Date): Period {
  const quarters = PERIOD_QUARTERS[id];
  let first = cycleOf(now);
  for (let back = 1; quarters !== undefined && back < quarters; back += 1) first = previousCycle(first);
  return { id, name: PERIOD_NAMES[id], from: quarters === undefined ? undefined : quarterStart(first).toISOString(), to: now.toISOString() };
}

export function inPeriod(lead: Pick<LeadFacts, "sharedAt">, period: Period): boolean {
  return (period.from === undefined || lead.sharedAt >= period.from) && lead.sharedAt <= period.to;
}

/** Won value per currency, currencies in alphabetical order. */
export type MoneyTotals = Money[];

/** One company's practice in a period: counts, won value both ways, timings. Never who the customers are. */
export interface CompanyPractice {
  companyId: string;
  given: number;
  received: number;
  /** Leads it received and declined. */
  declined: number;
  /** Won value of the leads it gave (the partner won them). */
  wonGiven: MoneyTotals;
  /** Won value of the leads it received. */
  wonReceived: MoneyTotals;
  /** Median days from a lead being shared to the receiver connecting, over the leads it received and connected; undefined with none. */
  medianDaysToConnect: number | undefined;
  /** Leads it received whose connect-by day has come (or that it connected). */
  commitmentsDue: number;
  commitmentsKept: number;
}

export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const value = sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
  return Math.round(value * 10) / 10;
}

function totals(leads: readonly LeadFacts[]): MoneyTotals {
  const byCurrency = new Map<string, number>();
  for (const lead of leads) if (lead.status === "won" && lead.wonValue) byCurrency.set(lead.wonValue.currency, (byCurrency.get(lead.wonValue.currency) ?? 0) + lead.wonValue.amount);
  return [...byCurrency].sort(([a], [b]) => a.localeCompare(b)).map(([currency, amount]) => ({ amount, currency }));
}

/** The company's practice over the leads shared in the period, as of `now`. */
export function practiceOf(companyId: string, leads: readonly LeadFacts[], period: Period, now: Date): CompanyPractice {
  return practicesOf([companyId], leads, period, now).get(companyId) as CompanyPractice;
}

/** Each company's practice in the period: one pass over the leads, then each company's own. */
export function practicesOf(companyIds: readonly string[], leads: readonly LeadFacts[], period: Period, now: Date): Map<string, CompanyPractice> {
  const given = new Map<string, LeadFacts[]>(companyIds.map((companyId) => [companyId, []]));
  const received = new Map<string, LeadFacts[]>(companyIds.map((companyId) => [companyId, []]));
  for (const lead of leads) {
    if (!inPeriod(lead, period)) continue;
    given.get(lead.giver.companyId)?.push(lead);
    received.get(lead.receiver.companyId)?.push(lead);
  }
  const today = dayOf(now);
  return new Map(companyIds.map((companyId) => [companyId, figuresOf(companyId, given.get(companyId) ?? [], received.get(companyId) ?? [], today)]));
}

function figuresOf(companyId: string, given: readonly LeadFacts[], received: readonly LeadFacts[], today: string): CompanyPractice {
  const commitments = received.map((lead) => commitmentOf(lead, today));
  return {
    companyId,
    given: given.length,
    received: received.length,
    declined: received.filter((lead) => lead.status === "declined").length,
    wonGiven: totals(given),
    wonReceived: totals(received),
    medianDaysToConnect: median(received.flatMap((lead) => daysToConnect(lead) ?? [])),
    commitmentsDue: commitments.filter((commitment) => commitment === "kept" || commitment === "missed").length,
    commitmentsKept: commitments.filter((commitment) => commitment === "kept").length,
  };
}

/** How many leads each company gave each other company in the period: matrix[giver][receiver]. */
export function giveAndTakeMatrix(companyIds: readonly string[], leads: readonly LeadFacts[], period: Period): number[][] {
  const index = new Map(companyIds.map((companyId, position) => [companyId, position]));
  const matrix = companyIds.map(() => companyIds.map(() => 0));
  for (const lead of leads) {
    const row = index.get(lead.giver.companyId);
    const column = index.get(lead.receiver.companyId);
    if (row === undefined || column === undefined || !inPeriod(lead, period)) continue;
    (matrix[row] as number[])[column] = ((matrix[row] as number[])[column] ?? 0) + 1;
  }
  return matrix;
}

/** What practice says about a company, by the rules in core/scoring/thresholds.ts. */
export type PracticeSignal = "takes-never-gives" | "commitments-missed" | "givers-gain";

export function practiceSignals(practice: Pick<CompanyPractice, "given" | "received" | "commitmentsDue" | "commitmentsKept">): PracticeSignal[] {
  const signals: PracticeSignal[] = [];
  if (practice.received >= TAKES_MIN_RECEIVED && practice.given <= TAKES_MAX_GIVEN) signals.push("takes-never-gives");
  if (practice.commitmentsDue >= COMMITMENTS_MIN_DUE && practice.commitmentsKept / practice.commitmentsDue < COMMITMENTS_MIN_KEPT_SHARE) signals.push("commitments-missed");
  if (practice.given >= GIVERS_GAIN_MIN_GIVEN && practice.given >= practice.received) signals.push("givers-gain");
  return signals;
}

function leadsWord(count: number): string {
  return count === 1 ? "1 lead" : `${count} leads`;
}

/** Read-only after creation; one formatter instead of one per amount (Intl is slow to set up). */
const AMOUNT_FORMAT = new Intl.NumberFormat("en-US");

export function moneyText(totals: MoneyTotals): string {
  return totals.length === 0 ? "nothing" : totals.map((money) => `${AMOUNT_FORMAT.format(money.amount)} ${money.currency}`).join(" + ");
}

/** The practice in one sentence's second half: "in the last two quarters gave 0 and received 6 leads, kept 2 of 6 commitments". */
export function practiceText(practice: CompanyPractice, period: Pick<Period, "name">): string {
  const flow = `gave ${practice.given} and received ${leadsWord(practice.received)}`;
  const kept = practice.commitmentsDue > 0 ? `, kept ${practice.commitmentsKept} of ${practice.commitmentsDue} commitments to connect` : "";
  const when = period.name === "all time" ? "so far" : `in ${period.name}`;
  return `${when} ${flow}${kept}`;
}

/** The seed's words for each signal, as a reason in the partner verdict. */
export function signalReason(signal: PracticeSignal, practice: CompanyPractice, period: Pick<Period, "name">): string {
  switch (signal) {
    case "takes-never-gives":
      return `In practice it takes and never gives: ${practiceText(practice, period)}. The seed: "bad partnering is when someone takes and never gives".`;
    case "commitments-missed":
      return `In practice it does not keep its commitments to connect: ${practiceText(practice, period)}. The seed: "commit to connect within a certain timeframe".`;
    case "givers-gain":
      return `In practice it gives generously: ${practiceText(practice, period)}. The seed: "Be generous – 'Givers gain'".`;
  }
}

/**
 * Practice next to self-assessment, for the areas leads are evidence of:
 * "rates itself Proactive on Leads; in the last two quarters gave 0 and received 6 leads, kept 2 of 6 commitments to connect".
 * Pipeline adds the value partners won from its leads and it from theirs.
 */
export function evidenceText(area: "pipeline" | "leads", selfStageName: string | undefined, practice: CompanyPractice, period: Pick<Period, "name">): string {
  const areaName = AREA_NAMES[area];
  const says = selfStageName ? `rates itself ${selfStageName} on ${areaName}` : `has not rated itself on ${areaName}`;
  return `${says}; ${practiceEvidenceText(area, practice, period)}`;
}

/**
 * One person's answer next to their company's practice (the summary card shows a person's own answers,
 * which the company's combine with their colleagues'): "You answered Proactive on Leads; Contoso in the
 * last two quarters gave 0 and received 6 leads, kept 2 of 6 commitments to connect".
 */
export function personEvidenceText(area: "pipeline" | "leads", answeredStageName: string | undefined, companyName: string, practice: CompanyPractice, period: Pick<Period, "name">): string {
  const areaName = AREA_NAMES[area];
  const says = answeredStageName ? `You answered ${answeredStageName} on ${areaName}` : `You did not rate ${areaName}`;
  return `${says}; ${companyName} ${practiceEvidenceText(area, practice, period)}`;
}

const AREA_NAMES = { pipeline: "Pipeline", leads: "Leads" } as const;

/** What the leads show for an area; Pipeline adds the value won both ways. */
function practiceEvidenceText(area: "pipeline" | "leads", practice: CompanyPractice, period: Pick<Period, "name">): string {
  if (area === "leads") return practiceText(practice, period);
  const when = period.name === "all time" ? "so far" : `in ${period.name}`;
  return `${when} gave ${practice.given} and received ${leadsWord(practice.received)}, partners won ${moneyText(practice.wonGiven)} from its leads and it won ${moneyText(practice.wonReceived)} from theirs`;
}
