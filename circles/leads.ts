import { randomUUID } from "node:crypto";
import { z } from "zod";
import { CircleRuleError } from "../core/circles/index.js";
import {
  addWorkingDays,
  commitmentOf,
  dayOf,
  DEFAULT_PERIOD,
  LEAD_OUTCOMES,
  mayMove,
  periodOf,
  practiceOf,
  statusWords,
  type Commitment,
  type CompanyPractice,
  type LeadOutcome,
  type LeadStatus,
  type Money,
  type Period,
} from "../core/leads/index.js";
import { parseIsoDate } from "../core/schedule/index.js";
import { CONNECT_WORKING_DAYS_RANGE, DEFAULT_CONNECT_WORKING_DAYS } from "../core/scoring/thresholds.js";
import { optionalText, validText } from "../core/text.js";
import type { CircleRecord, CompanyRef, LeadRecord } from "../storage/records.js";
import { ConcurrencyError, type StoredRow } from "../storage/table-store.js";
import type { CircleContext } from "./context.js";
import { CircleInputError, ConflictError, NotFoundError } from "./errors.js";
import type { Actor } from "./identity.js";
import { currentMembers, requireMember } from "./membership.js";
import { LEAD_CURRENCIES, LEAD_INPUT_IDS, LEAD_VERBS } from "./verbs.js";
import { calendarDateText } from "../platform/card-elements.js";

/**
 * Leads passed between member companies of a circle: share, accept ("we connect by <date>"),
 * decline with a reason, connected, won / lost / no deal. Members only; only the receiving company
 * answers a lead. The customer and contact are confidential to the giving and receiving companies:
 * everyone else in the circle gets a LeadSummary without them, and no log line names them.
 */

/** The seed's words, shown when the "customer has expressed interest" toggle is off; nothing is stored or sent. */
export const REVERSED_LEAD_MESSAGE =
  "Not sent: a lead needs a customer who has expressed interest. Without one it is what the Partnering Maturity Model calls the 'Reversed Lead' — \"someone trying to sell something with no identified customer\" — and \"the 'Reversed Lead' is worthless\". \"Don't say that you have a lead if you do not have a potential customer that has expressed interest.\" Nothing was stored or sent.";

const NO_SUCH_LEAD = "I can't find that lead. It may have been shared in a circle your company is not in, or this card is damaged.";
const ONLY_RECEIVER = "Only the company the lead was passed to can answer it; nothing changed.";
const tampered = "This button's data is damaged; please use a newer card.";
const MAX_AMOUNT = 1_000_000_000_000;

/** A lead as one viewer may see it: the customer, contact and need only for the giving and receiving companies. */
export interface LeadSummary {
  leadId: string;
  circleId: string;
  giver: CompanyRef;
  receiver: CompanyRef;
  status: LeadStatus;
  sharedAt: string;
  connectBy: string;
  connectedAt?: string;
  estimate?: Money;
  wonValue?: Money;
  commitment: Commitment;
  /** The viewer's company gave or received it. */
  party: "giver" | "receiver" | undefined;
  customer?: LeadRecord["customer"];
  need?: string;
  declineReason?: string;
}

export function leadSummaryFor(lead: LeadRecord, viewerCompanyId: string, today: string): LeadSummary {
  const party: LeadSummary["party"] = lead.giver.companyId === viewerCompanyId ? "giver" : lead.receiver.companyId === viewerCompanyId ? "receiver" : undefined;
  const shared: LeadSummary = {
    leadId: lead.leadId,
    circleId: lead.circleId,
    giver: lead.giver,
    receiver: lead.receiver,
    status: lead.status,
    sharedAt: lead.sharedAt,
    connectBy: lead.connectBy,
    ...(lead.connectedAt ? { connectedAt: lead.connectedAt } : {}),
    ...(lead.estimate ? { estimate: lead.estimate } : {}),
    ...(lead.wonValue ? { wonValue: lead.wonValue } : {}),
    commitment: commitmentOf(lead, today),
    party,
  };
  if (!party) return shared;
  return { ...shared, customer: lead.customer, need: lead.need, ...(lead.declineReason ? { declineReason: lead.declineReason } : {}) };
}

export interface LeadForm {
  circle: Pick<CircleRecord, "circleId" | "name">;
  /** The circle's other current member companies: the only choices. */
  receivers: CompanyRef[];
  /** The default connect-by day. */
  connectBy: string;
  /** What was typed, when the form comes back (the reversed-lead explanation). */
  values?: Record<string, string>;
}

/** What a lead button did, for the bot to show; `notify` is a lead card the receiving company's people get. */
export type LeadActionResult =
  | { kind: "form"; form: LeadForm; notice?: string }
  | { kind: "shared"; lead: LeadSummary; circle: CircleRecord; notify: LeadRecord }
  | { kind: "lead"; lead: LeadSummary; circle: CircleRecord; notice?: string }
  | { kind: "decline-form"; lead: LeadSummary; circle: CircleRecord }
  | { kind: "leads"; circle: CircleRecord; leads: LeadSummary[]; viewer: CompanyRef; notice?: string };

function todayOf(context: CircleContext): string {
  return dayOf(context.clock.now());
}

/** Members only; to anyone else a circle's lead does not exist. */
async function requireLeadMember(context: CircleContext, actor: Actor, circleId: string): ReturnType<typeof requireMember> {
  try {
    return await requireMember(context, actor, circleId, "see");
  } catch (error) {
    if (error instanceof CircleRuleError && error.code === "not-a-member") throw new NotFoundError(NO_SUCH_LEAD);
    if (error instanceof NotFoundError) throw new NotFoundError(NO_SUCH_LEAD);
    throw error;
  }
}

/** The share form: to which member company, the customer, the need, the interest, value, connect-by. */
export async function leadFormFor(context: CircleContext, actor: Actor, circleId: string, values?: Record<string, string>): Promise<LeadForm> {
  const { circle, members } = await requireLeadMember(context, actor, circleId);
  const receivers = currentMembers(members)
    .map((member) => member.company)
    .filter((company) => company.companyId !== actor.company.companyId);
  const days = connectWorkingDaysOf(circle.data);
  return { circle: { circleId, name: circle.data.name }, receivers, connectBy: addWorkingDays(todayOf(context), days), ...(values ? { values } : {}) };
}

export interface NewLead {
  circleId: string;
  receiverId: string;
  organisation: string;
  contact?: string;
  need: string;
  customerInterested: boolean;
  estimate?: Money;
  connectBy?: string;
}

export class ReversedLeadError extends CircleInputError {}

export interface LeadHooks {
  /**
   * Runs before a new lead is saved: its notices are queued first, so a saved lead always has them
   * (a failed save leaves only notices that find no lead and are dropped).
   */
  beforeSave?: (lead: LeadRecord) => Promise<void>;
}

/** Shares a lead with another member company. Refused, with the seed's words, when no customer has expressed interest. */
export async function shareLead(context: CircleContext, actor: Actor, input: NewLead, hooks: LeadHooks = {}): Promise<{ lead: LeadRecord; circle: CircleRecord }> {
  const { circle, members } = await requireLeadMember(context, actor, input.circleId);
  if (!input.customerInterested) throw new ReversedLeadError(REVERSED_LEAD_MESSAGE);
  const receiver = currentMembers(members).find((member) => member.company.companyId === input.receiverId);
  if (!receiver) throw new CircleInputError("Choose one of the circle's member companies for the lead.");
  if (receiver.company.companyId === actor.company.companyId) throw new CircleInputError("A lead goes to another member company, not to your own.");
  const today = todayOf(context);
  const connectBy = input.connectBy ?? addWorkingDays(today, connectWorkingDaysOf(circle.data));
  if (!parseIsoDate(connectBy)) throw new CircleInputError("Choose a connect-by date, e.g. 2026-04-30.");
  if (connectBy < today) throw new CircleInputError("The connect-by date is in the past; choose today or a later day.");
  const contact = optionalText("contact", input.contact);
  const now = context.clock.now().toISOString();
  const lead: LeadRecord = {
    leadId: randomUUID(),
    circleId: input.circleId,
    giver: actor.company,
    receiver: receiver.company,
    sharedBy: actor.person,
    customer: { organisation: validText("customer", input.organisation), ...(contact ? { contact } : {}) },
    need: validText("need", input.need),
    customerInterested: true,
    ...(input.estimate ? { estimate: input.estimate } : {}),
    connectBy,
    status: "shared",
    sharedAt: now,
    updatedAt: now,
    updatedBy: actor.person,
  };
  await hooks.beforeSave?.(lead);
  await context.repositories.circles.saveLead(lead);
  context.logger.info({ circleId: input.circleId }, "lead shared");
  return { lead, circle: circle.data };
}

async function readLead(context: CircleContext, actor: Actor, circleId: string, leadId: string): Promise<{ lead: StoredRow<LeadRecord>; circle: CircleRecord }> {
  const { circle } = await requireLeadMember(context, actor, circleId);
  const lead = await context.repositories.circles.getLead(circleId, leadId);
  if (!lead) throw new NotFoundError(NO_SUCH_LEAD);
  return { lead, circle: circle.data };
}

/** A lead the viewer's company gave or received, with its customer; to the rest of the circle it is only counted. */
export async function showLead(context: CircleContext, actor: Actor, circleId: string, leadId: string): Promise<{ lead: LeadSummary; circle: CircleRecord }> {
  const { lead, circle } = await readLead(context, actor, circleId, leadId);
  const summary = leadSummaryFor(lead.data, actor.company.companyId, todayOf(context));
  if (!summary.party) throw new NotFoundError(NO_SUCH_LEAD);
  return { lead: summary, circle };
}

export interface LeadStep {
  lead: LeadSummary;
  circle: CircleRecord;
  /** False when the lead was already past this step (a replayed or second press): nothing changed. */
  changed: boolean;
}

/** One step of the receiver, under the lead's ETag: of two presses at once one counts, a replay changes nothing. */
async function moveLead(context: CircleContext, actor: Actor, circleId: string, leadId: string, to: LeadStatus, fields: (lead: LeadRecord, now: string) => Partial<LeadRecord>): Promise<LeadStep> {
  const { lead, circle } = await readLead(context, actor, circleId, leadId);
  if (lead.data.receiver.companyId !== actor.company.companyId) {
    if (lead.data.giver.companyId !== actor.company.companyId) throw new NotFoundError(NO_SUCH_LEAD);
    throw new CircleInputError(ONLY_RECEIVER);
  }
  const today = todayOf(context);
  if (!mayMove(lead.data.status, to)) return { lead: leadSummaryFor(lead.data, actor.company.companyId, today), circle, changed: false };
  const now = context.clock.now().toISOString();
  const record: LeadRecord = { ...lead.data, ...fields(lead.data, now), status: to, updatedAt: now, updatedBy: actor.person };
  try {
    await context.repositories.circles.saveLead(record, lead.etag);
  } catch (error) {
    if (error instanceof ConcurrencyError) throw new ConflictError("Someone answered this lead at the same moment; please look at it again.");
    throw error;
  }
  context.logger.info({ circleId, status: to }, "lead moved on");
  return { lead: leadSummaryFor(record, actor.company.companyId, today), circle, changed: true };
}

export function acceptLead(context: CircleContext, actor: Actor, circleId: string, leadId: string): Promise<LeadStep> {
  return moveLead(context, actor, circleId, leadId, "accepted", (_lead, now) => ({ acceptedAt: now, acceptedBy: actor.person }));
}

export function declineLead(context: CircleContext, actor: Actor, circleId: string, leadId: string, reason: string): Promise<LeadStep> {
  const declineReason = validText("reason", reason);
  return moveLead(context, actor, circleId, leadId, "declined", (_lead, now) => ({ declinedAt: now, declineReason }));
}

export function markConnected(context: CircleContext, actor: Actor, circleId: string, leadId: string): Promise<LeadStep> {
  return moveLead(context, actor, circleId, leadId, "connected", (_lead, now) => ({ connectedAt: now }));
}

/** Won (with its value: the one given, else the estimate), lost or no deal. */
export function recordOutcome(context: CircleContext, actor: Actor, circleId: string, leadId: string, outcome: LeadOutcome, value?: Money): Promise<LeadStep> {
  return moveLead(context, actor, circleId, leadId, outcome, (lead, now) => {
    if (outcome !== "won") return { closedAt: now };
    const wonValue = value ?? lead.estimate;
    if (!wonValue) throw new CircleInputError("Say what the won deal is worth, then press Won again.");
    return { closedAt: now, wonValue };
  });
}

/** The circle's leads, newest first, each as this viewer may see it. */
export async function listLeads(context: CircleContext, actor: Actor, circleId: string): Promise<{ circle: CircleRecord; leads: LeadSummary[] }> {
  const { circle } = await requireLeadMember(context, actor, circleId);
  const today = todayOf(context);
  const rows = await context.repositories.circles.listLeads(circleId);
  const leads = rows.map((row) => leadSummaryFor(row.data, actor.company.companyId, today)).sort((a, b) => b.sharedAt.localeCompare(a.sharedAt));
  return { circle: circle.data, leads };
}

/** The circle's own timeframe to connect: working days from sharing a lead to its default connect-by date. Members only. */
export async function setConnectWorkingDays(context: CircleContext, actor: Actor, circleId: string, days: number): Promise<CircleRecord> {
  const { circle } = await requireLeadMember(context, actor, circleId);
  if (!Number.isInteger(days) || days < CONNECT_WORKING_DAYS_RANGE.min || days > CONNECT_WORKING_DAYS_RANGE.max) {
    throw new CircleInputError(`Choose from ${CONNECT_WORKING_DAYS_RANGE.min} to ${CONNECT_WORKING_DAYS_RANGE.max} working days.`);
  }
  const updated: CircleRecord = { ...circle.data, leadConnectWorkingDays: days };
  try {
    await context.repositories.circles.replaceCircle(updated, circle.etag);
  } catch (error) {
    if (error instanceof ConcurrencyError) throw new ConflictError("Someone changed this circle at the same moment; please try again.");
    throw error;
  }
  context.logger.info({ circleId, days }, "lead timeframe set");
  return updated;
}

export function connectWorkingDaysOf(circle: Pick<CircleRecord, "leadConnectWorkingDays">): number {
  return circle.leadConnectWorkingDays ?? DEFAULT_CONNECT_WORKING_DAYS;
}

/** A company's practice over the leads of the given circles (its own), in the default period: evidence for its summary. */
export async function companyPractice(context: CircleContext, companyId: string, circleIds: readonly string[]): Promise<{ practice: CompanyPractice; period: Period }> {
  const now = context.clock.now();
  const period = periodOf(DEFAULT_PERIOD, now);
  const rows = (await Promise.all(circleIds.map((circleId) => context.repositories.circles.listLeads(circleId)))).flat();
  return { practice: practiceOf(companyId, rows.map((row) => row.data), period, now), period };
}

// ——— Card submissions ———

const id = z.string({ error: tampered }).trim().min(1, { error: tampered }).max(200, { error: tampered });
const blankIsAbsent = (schema: z.ZodType) => z.preprocess((value) => (typeof value === "string" && value.trim() === "" ? undefined : value), schema.optional());
const amount = (message: string) => blankIsAbsent(z.coerce.number({ error: message }).positive({ error: message }).max(MAX_AMOUNT, { error: message }).finite({ error: message }));
const currency = blankIsAbsent(z.enum(LEAD_CURRENCIES, { error: "Choose one of the currencies offered." }));
const text = (max: number) => z.string({ error: tampered }).max(max * 4, { error: tampered });
const leadRef = z.object({ circleId: id, leadId: id });

const shareSchema = z.object({
  circleId: id,
  [LEAD_INPUT_IDS.receiver]: z.string({ error: "Choose the member company the lead is for." }).trim().min(1, { error: "Choose the member company the lead is for." }).max(200, { error: tampered }),
  [LEAD_INPUT_IDS.organisation]: text(100).default(""),
  [LEAD_INPUT_IDS.contact]: text(100).optional(),
  [LEAD_INPUT_IDS.need]: text(500).default(""),
  [LEAD_INPUT_IDS.amount]: amount("The estimated value must be a positive number."),
  [LEAD_INPUT_IDS.currency]: currency,
  [LEAD_INPUT_IDS.connectBy]: blankIsAbsent(z.iso.date({ error: "Choose a connect-by date." })),
});

const outcomeSchema = leadRef.extend({
  outcome: z.enum(LEAD_OUTCOMES, { error: tampered }),
  [LEAD_INPUT_IDS.wonAmount]: amount("The won value must be a positive number."),
  [LEAD_INPUT_IDS.wonCurrency]: currency,
});

function parse<T>(schema: z.ZodType<T>, data: unknown, context: CircleContext, verb: string): T {
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  context.logger.warn({ verb, problems: parsed.error.issues.map((issue) => ({ path: issue.path.join("."), code: issue.code })) }, "lead card action refused: invalid input");
  throw new CircleInputError(parsed.error.issues[0]?.message ?? tampered);
}

/** The Toggle sends "true" or "false"; anything but "true" is no expressed interest. */
function interestOf(data: unknown): boolean {
  return typeof data === "object" && data !== null && (data as Record<string, unknown>)[LEAD_INPUT_IDS.interested] === "true";
}

function typedValues(data: unknown): Record<string, string> {
  const record = typeof data === "object" && data !== null ? (data as Record<string, unknown>) : {};
  const kept = [LEAD_INPUT_IDS.receiver, LEAD_INPUT_IDS.organisation, LEAD_INPUT_IDS.contact, LEAD_INPUT_IDS.need, LEAD_INPUT_IDS.amount, LEAD_INPUT_IDS.currency, LEAD_INPUT_IDS.connectBy];
  return Object.fromEntries(kept.flatMap((key) => (typeof record[key] === "string" ? [[key, (record[key] as string).slice(0, 500)]] : [])));
}

function moneyOf(value: number | undefined, currencyCode: string | undefined, fallbackCurrency?: string): Money | undefined {
  return value === undefined ? undefined : { amount: value, currency: currencyCode ?? fallbackCurrency ?? "EUR" };
}

function stepNotice(step: LeadStep, done: string): string | undefined {
  return step.changed ? done : `Nothing changed: this lead is already ${statusWords(step.lead.status)}.`;
}

type Handler = (context: CircleContext, actor: Actor, data: unknown, hooks: LeadHooks) => Promise<LeadActionResult>;

const HANDLERS: Record<string, Handler> = {
  [LEAD_VERBS.form]: async (context, actor, data) => {
    const { circleId } = parse(z.object({ circleId: id }), data, context, LEAD_VERBS.form);
    return { kind: "form", form: await leadFormFor(context, actor, circleId) };
  },
  [LEAD_VERBS.share]: async (context, actor, data, hooks) => {
    const { circleId } = parse(z.object({ circleId: id }), data, context, LEAD_VERBS.share);
    if (!interestOf(data)) return { kind: "form", form: await leadFormFor(context, actor, circleId, typedValues(data)), notice: REVERSED_LEAD_MESSAGE };
    const input = parse(shareSchema, data, context, LEAD_VERBS.share);
    const estimate = moneyOf(input[LEAD_INPUT_IDS.amount] as number | undefined, input[LEAD_INPUT_IDS.currency] as string | undefined);
    const connectBy = input[LEAD_INPUT_IDS.connectBy] as string | undefined;
    const contact = input[LEAD_INPUT_IDS.contact];
    const { lead, circle } = await shareLead(context, actor, {
      circleId,
      receiverId: input[LEAD_INPUT_IDS.receiver],
      organisation: input[LEAD_INPUT_IDS.organisation],
      need: input[LEAD_INPUT_IDS.need],
      customerInterested: true,
      ...(contact ? { contact } : {}),
      ...(estimate ? { estimate } : {}),
      ...(connectBy ? { connectBy } : {}),
    }, hooks);
    return { kind: "shared", lead: leadSummaryFor(lead, actor.company.companyId, todayOf(context)), circle, notify: lead };
  },
  [LEAD_VERBS.show]: async (context, actor, data) => {
    const input = parse(leadRef, data, context, LEAD_VERBS.show);
    return { kind: "lead", ...(await showLead(context, actor, input.circleId, input.leadId)) };
  },
  [LEAD_VERBS.accept]: async (context, actor, data) => {
    const input = parse(leadRef, data, context, LEAD_VERBS.accept);
    const step = await acceptLead(context, actor, input.circleId, input.leadId);
    return { kind: "lead", lead: step.lead, circle: step.circle, ...noticeOf(stepNotice(step, `Accepted: ${step.lead.receiver.companyName} connects with the customer by ${calendarDateText(step.lead.connectBy)}.`)) };
  },
  [LEAD_VERBS.askDecline]: async (context, actor, data) => {
    const input = parse(leadRef, data, context, LEAD_VERBS.askDecline);
    const { lead, circle } = await showLead(context, actor, input.circleId, input.leadId);
    if (lead.party !== "receiver") throw new CircleInputError(ONLY_RECEIVER);
    return lead.status === "shared" ? { kind: "decline-form", lead, circle } : { kind: "lead", lead, circle, notice: `Nothing changed: this lead is already ${statusWords(lead.status)}.` };
  },
  [LEAD_VERBS.decline]: async (context, actor, data) => {
    const input = parse(leadRef.extend({ [LEAD_INPUT_IDS.reason]: z.string({ error: "Give a reason in a few words." }).max(1_200, { error: tampered }) }), data, context, LEAD_VERBS.decline);
    const step = await declineLead(context, actor, input.circleId, input.leadId, input[LEAD_INPUT_IDS.reason]);
    return { kind: "lead", lead: step.lead, circle: step.circle, ...noticeOf(stepNotice(step, "Declined, with your reason. The giver can see it.")) };
  },
  [LEAD_VERBS.connected]: async (context, actor, data) => {
    const input = parse(leadRef, data, context, LEAD_VERBS.connected);
    const step = await markConnected(context, actor, input.circleId, input.leadId);
    return { kind: "lead", lead: step.lead, circle: step.circle, ...noticeOf(stepNotice(step, step.lead.commitment === "kept" ? "Connected in time: the commitment is kept." : "Connected, after the connect-by date: the commitment was missed.")) };
  },
  [LEAD_VERBS.outcome]: async (context, actor, data) => {
    const input = parse(outcomeSchema, data, context, LEAD_VERBS.outcome);
    const value = input.outcome === "won" ? moneyOf(input[LEAD_INPUT_IDS.wonAmount] as number | undefined, input[LEAD_INPUT_IDS.wonCurrency] as string | undefined) : undefined;
    const step = await recordOutcome(context, actor, input.circleId, input.leadId, input.outcome, value);
    return { kind: "lead", lead: step.lead, circle: step.circle, ...noticeOf(stepNotice(step, `Recorded: ${statusWords(step.lead.status)}.`)) };
  },
  [LEAD_VERBS.settings]: async (context, actor, data) => {
    const input = parse(z.object({ circleId: id, [LEAD_INPUT_IDS.connectDays]: z.coerce.number({ error: tampered }) }), data, context, LEAD_VERBS.settings);
    const days = input[LEAD_INPUT_IDS.connectDays];
    const circle = await setConnectWorkingDays(context, actor, input.circleId, days);
    const { leads } = await listLeads(context, actor, input.circleId);
    return { kind: "leads", viewer: actor.company, circle, leads, notice: `From now on a new lead's connect-by date is ${days} working ${days === 1 ? "day" : "days"} after it is shared, unless the giver picks another.` };
  },
  [LEAD_VERBS.list]: async (context, actor, data) => {
    const { circleId } = parse(z.object({ circleId: id }), data, context, LEAD_VERBS.list);
    return { kind: "leads", viewer: actor.company, ...(await listLeads(context, actor, circleId)) };
  },
};

function noticeOf(notice: string | undefined): { notice?: string } {
  return notice ? { notice } : {};
}

/**
 * Answers a lead card's button. `data` is the action's data as received (verb included); it is
 * validated here, and on bad input nothing is stored and the error says what to fix (circleMessageOf).
 */
export async function handleLeadCardAction(context: CircleContext, actor: Actor, data: unknown, hooks: LeadHooks = {}): Promise<LeadActionResult> {
  const verb = typeof data === "object" && data !== null ? (data as { verb?: unknown }).verb : undefined;
  const handler = typeof verb === "string" ? HANDLERS[verb] : undefined;
  if (!handler) throw new CircleInputError("I don't know this button; it may be from an older version of the app.");
  return handler(context, actor, data, hooks);
}
