import { z } from "zod";
import {
  commitmentOf,
  dayOf,
  DEFAULT_PERIOD,
  giveAndTakeMatrix,
  LEAD_STATUSES,
  PERIOD_IDS,
  periodOf,
  practicesOf,
  practiceSignals,
  type CompanyPractice,
  type LeadFacts,
  type Period,
  type PeriodId,
} from "../../core/leads/index.js";
import type { StageId } from "../../core/model/index.js";
import type { StoredRow } from "../../storage/table-store.js";
import type { MemberRecord } from "../../storage/records.js";
import type { CompanyPracticeView, GiveAndTakePeriodView, GiveAndTakeView, YourLeadView } from "../shared/dashboard-types.js";
import type { ReadRows } from "./circle-rows.js";

/**
 * The give-and-take view: leads given → received between member companies, each company's
 * balance, won value both ways, median time to connect and commitments kept, per period. Lead rows
 * (storage LeadRecord) are read with only the fields shown; the customer is kept only for the
 * viewer's own company's leads ("yourLeads") and never reaches the figures.
 */

const company = z.object({ companyId: z.string().min(1).max(200), companyName: z.string().max(300) });
const money = z.object({ amount: z.number().positive().finite(), currency: z.string().regex(/^[A-Z]{3}$/) });
const isoDateTime = z.iso.datetime({ offset: true });

const leadRow = z.object({
  leadId: z.string().min(1).max(200),
  giver: company,
  receiver: company,
  status: z.enum(LEAD_STATUSES),
  sharedAt: isoDateTime,
  connectBy: z.iso.date(),
  connectedAt: isoDateTime.optional(),
  estimate: money.optional(),
  wonValue: money.optional(),
  customer: z.object({ organisation: z.string().max(500) }),
});

export type LeadRow = z.output<typeof leadRow>;

export function readLeads(rows: readonly StoredRow<object>[] | undefined): ReadRows<LeadRow> {
  const parsed = (rows ?? []).map((row) => leadRow.safeParse(row.data));
  const items = parsed.flatMap((result) => (result.success ? [result.data] : []));
  return { items, unreadable: parsed.length - items.length };
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}

/** What the rules see of a lead: no customer. */
function factsOf(lead: LeadRow): LeadFacts {
  const { customer: _customer, leadId: _leadId, ...facts } = lead;
  return withoutUndefined(facts) as LeadFacts;
}

export interface GiveAndTakeInput {
  members: readonly MemberRecord[];
  leads: readonly LeadRow[];
  /** Each member's own stage for Pipeline and Leads in its latest self-assessment. */
  selfStages: ReadonlyMap<string, { pipeline?: StageId; leads?: StageId }>;
  viewerCompanyId: string;
  now: Date;
}

/** Each member's practice in the period (the partner verdict's evidence). */
export function practiceByCompany(members: readonly MemberRecord[], leads: readonly LeadRow[], period: Period, now: Date): Map<string, CompanyPractice> {
  return practicesOf(members.map((member) => member.company.companyId), leads.map(factsOf), period, now);
}

function periodView(input: GiveAndTakeInput, facts: readonly LeadFacts[], id: PeriodId): GiveAndTakePeriodView {
  const period = periodOf(id, input.now);
  const companies = input.members.map((member) => ({ companyId: member.company.companyId, companyName: member.company.companyName }));
  const practice = practicesOf(companies.map((entry) => entry.companyId), facts, period, input.now);
  return {
    id,
    name: period.name,
    from: period.from ?? null,
    to: period.to,
    companies,
    matrix: giveAndTakeMatrix(companies.map((entry) => entry.companyId), facts, period),
    practice: companies.map((entry): CompanyPracticeView => {
      const figures = practice.get(entry.companyId) as CompanyPractice;
      return {
        ...entry,
        given: figures.given,
        received: figures.received,
        declined: figures.declined,
        wonGiven: figures.wonGiven,
        wonReceived: figures.wonReceived,
        medianDaysToConnect: figures.medianDaysToConnect ?? null,
        commitmentsDue: figures.commitmentsDue,
        commitmentsKept: figures.commitmentsKept,
        signals: practiceSignals(figures),
      };
    }),
  };
}

function yourLeads(leads: readonly LeadRow[], viewerCompanyId: string, now: Date): YourLeadView[] {
  const today = dayOf(now);
  return leads
    .filter((lead) => lead.giver.companyId === viewerCompanyId || lead.receiver.companyId === viewerCompanyId)
    .sort((a, b) => b.sharedAt.localeCompare(a.sharedAt))
    .map((lead) => ({
      leadId: lead.leadId,
      role: lead.giver.companyId === viewerCompanyId ? "gave" : "received",
      partner: { ...(lead.giver.companyId === viewerCompanyId ? lead.receiver : lead.giver) },
      customer: lead.customer.organisation,
      status: lead.status,
      sharedAt: lead.sharedAt,
      connectBy: lead.connectBy,
      commitment: commitmentOf(factsOf(lead), today),
      estimate: lead.estimate ?? null,
      wonValue: lead.wonValue ?? null,
    }));
}

export function giveAndTakeView(input: GiveAndTakeInput): GiveAndTakeView {
  const facts = input.leads.map(factsOf);
  const selfStages = input.members.map(({ company }) => {
    const stages = input.selfStages.get(company.companyId) ?? {};
    return { companyId: company.companyId, pipeline: stages.pipeline ?? null, leads: stages.leads ?? null };
  });
  return { defaultPeriod: DEFAULT_PERIOD, periods: PERIOD_IDS.map((id) => periodView(input, facts, id)), selfStages, yourLeads: yourLeads(input.leads, input.viewerCompanyId, input.now) };
}
