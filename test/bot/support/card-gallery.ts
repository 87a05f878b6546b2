import { AREAS, NOT_APPLICABLE, type Answers } from "../../../core/model/index.js";
import type { Rhythm } from "../../../core/schedule/types.js";
import { areaCard } from "../../../bot/cards/area.js";
import { circleChoiceCard, circlesCard, gapCircleChoiceCard, invitationCard, inviteFormCard, removalCard, type CircleView } from "../../../bot/cards/circles.js";
import { companyCard } from "../../../bot/cards/company.js";
import type { AdaptiveCard } from "../../../bot/cards/elements.js";
import { helpCard, partnerChoiceCard } from "../../../bot/cards/help.js";
import { savedCard } from "../../../bot/cards/notices.js";
import { partnerVerdictCard, summaryCard, type FinishedAssessment } from "../../../bot/cards/summary.js";
import { welcomeCard } from "../../../bot/cards/welcome.js";
import { declineLeadCard, leadCard, leadFormCard, leadsCard } from "../../../bot/cards/leads.js";
import { REVERSED_LEAD_MESSAGE, type LeadSummary } from "../../../circles/index.js";
import type { ActionRecord, CircleRecord, DraftRecord, InvitationRecord, MemberRecord } from "../../../storage/index.js";

/** Every card the bot sends, in each of its variants, with the fixtures they are made from: checked by the parser and rendered at 360 px. */
export const fabrikam = { companyId: "tenant-fabrikam", companyName: "Fabrikam" };
export const contoso = { companyId: "tenant-contoso", companyName: "Contoso" };
export const golden: CircleRecord = { circleId: "golden", name: "Golden Circle", createdAt: "2026-11-01T00:00:00.000Z", createdBy: { tenantId: "tenant-fabrikam", userId: "aad-ada" }, createdByCompany: fabrikam };
const members: MemberRecord[] = [
  { circleId: "golden", company: fabrikam, status: "member", people: [], joinedAt: "2026-11-01T00:00:00.000Z" },
  { circleId: "golden", company: { companyId: "tenant-contoso", companyName: "Contoso Ltd" }, status: "member", people: [], joinedAt: "2026-11-02T00:00:00.000Z", invitedAs: "Contoso", invitedBy: fabrikam },
];
export const pendingInvitation: InvitationRecord = { invitationId: "i-1", circleId: "golden", codeDigest: "d", invitedAs: "Northwind", invitedBy: fabrikam, invitedByPerson: { tenantId: "tenant-fabrikam", userId: "aad-ada" }, status: "pending", createdAt: "2026-11-01T00:00:00.000Z", expiresAt: "2026-11-15T00:00:00.000Z" };
const run = { for: "aad-ada", run: "run-1", kind: "self" as const };
const openAction = (n: number): ActionRecord => ({ actionId: `a-${n}`, circleId: "golden", area: "leads", title: `Agree how leads are passed (${n})`, owner: contoso, dueBy: "2026-10-30", status: "open", source: "command", createdAt: "2026-10-01T00:00:00.000Z", createdBy: fabrikam });
const monthly: Rhythm = { kind: "joint-planning", cadence: "monthly", day: { kind: "nth-weekday", nth: 1, weekday: "tuesday" }, time: "09:00", timeZone: "Europe/Stockholm", paused: false };

export function circleView(overrides: Partial<CircleView> = {}): CircleView {
  return { circle: golden, members, pendingInvitations: [pendingInvitation], openActions: [], rhythms: [], today: "2026-11-01", ...overrides };
}

export function draft(overrides: Partial<DraftRecord> = {}): DraftRecord {
  return {
    runId: "run-1",
    kind: "self",
    person: { tenantId: "t", userId: "aad-ada", name: "Ada" },
    rater: fabrikam,
    subject: fabrikam,
    formalVendorProgram: true,
    answers: {},
    status: "in-progress",
    startedAt: "2026-11-02T09:00:00.000Z",
    updatedAt: "2026-11-02T09:00:00.000Z",
    ...overrides,
  };
}

export function allAt(stage: "basic" | "reactive" | "proactive" | "dynamic"): Answers {
  return Object.fromEntries(AREAS.map((area) => [area.id, stage])) as Answers;
}

export const mixed: Answers = { ...allAt("proactive"), pipeline: "basic", leads: "basic", agreement: "reactive", "readiness-certifications": NOT_APPLICABLE };
export const finished = (answers: Answers, kind: "self" | "partner" = "self"): FinishedAssessment => ({
  kind,
  rater: fabrikam,
  subject: kind === "self" ? fabrikam : contoso,
  formalVendorProgram: true,
  answers,
  cycle: "2026-Q4",
});

const northwind = { companyId: "tenant-northwind", companyName: "Northwind Data" };
const leadForm = { circle: golden, receivers: [contoso, northwind], connectBy: "2026-11-09" };
export function lead(overrides: Partial<LeadSummary> = {}): LeadSummary {
  return {
    leadId: "lead-1",
    circleId: "golden",
    giver: fabrikam,
    receiver: contoso,
    status: "shared",
    sharedAt: "2026-11-02T09:00:00.000Z",
    connectBy: "2026-11-09",
    estimate: { amount: 50_000, currency: "EUR" },
    commitment: "open",
    party: "receiver",
    customer: { organisation: "Tailwind Traders", contact: "Kim Akers" },
    need: "Move their warehouse system to Azure before the spring season, with a partner who knows retail.",
    ...overrides,
  };
}
const otherLead = (n: number): LeadSummary => ({ ...lead({ leadId: `l-${n}`, giver: northwind, party: undefined, status: n % 2 === 0 ? "won" : "accepted", wonValue: n % 2 === 0 ? { amount: 12_000 * n, currency: "EUR" } : undefined }), customer: undefined, need: undefined } as LeadSummary);

export const BOT_CARDS: readonly [string, AdaptiveCard][] = [
  ["welcome (personal chat)", welcomeCard("personal")],
  ["welcome (group chat)", welcomeCard("groupChat")],
  ["help", helpCard()],
  ["help after text it did not understand", helpCard({ notice: "Sorry, I didn't understand that." })],
  ["which partner to rate", partnerChoiceCard([contoso])],
  ["which partner to rate, no circles yet", partnerChoiceCard([])],
  ["company (first of the organisation: names it)", companyCard({ for: "aad-ada", draft: { kind: "self" } })],
  ["company (named)", companyCard({ for: "aad-ada", draft: { kind: "self" }, company: fabrikam, vendorProgram: true, previousRun: "run-0", notice: "You finished one." })],
  ["company (start over)", companyCard({ for: "aad-ada", draft: { kind: "self" }, company: fabrikam, previousRun: "run-1", restart: true, notice: "Starting over clears 3 answers." })],
  ["company (partner in a circle)", companyCard({ for: "aad-ada", draft: { kind: "partner", subject: "tenant-contoso" }, subject: contoso, company: fabrikam })],
  ["company (partner outside the circles)", companyCard({ for: "aad-ada", draft: { kind: "partner", subject: "named:wide world" }, subject: { companyId: "named:wide world", companyName: "Wide World" }, subjectOutsideCircles: true, company: fabrikam })],
  ["circles", circlesCard(fabrikam, [circleView()], { notice: "Revoked." })],
  ["circles, none yet", circlesCard(fabrikam, [])],
  ["circles, two of them", circlesCard(fabrikam, [circleView(), circleView({ circle: { ...golden, circleId: "nw", name: "Northwest Alliance" }, pendingInvitations: [] })])],
  ["circles with open actions and rhythms, in a channel", circlesCard(fabrikam, [circleView({ openActions: [1, 2, 3, 4].map(openAction), rhythms: [{ rhythm: monthly, next: new Date("2026-11-03T08:00:00Z") }, { rhythm: { ...monthly, kind: "executive", paused: true }, next: undefined }] })], { shared: true })],
  ["invite a partner", inviteFormCard(golden)],
  ["invitation code", invitationCard(golden, pendingInvitation, "K7QM-2WXA-0000-0000-0000-0000-0000-0000")],
  ["remove a company?", removalCard(golden, contoso)],
  ["which circle takes the action?", gapCircleChoiceCard([golden, { circleId: "nw", name: "Northwest Alliance" }], ["leads"])],
  ["which circle?", circleChoiceCard("rhythms", [golden, { circleId: "nw", name: "Northwest Alliance" }])],
  ["area 1", areaCard({ draft: draft(), area: "joint-business-planning" })],
  ["area in the middle, answered before", areaCard({ draft: draft({ answers: { "joint-business-planning": "basic", pipeline: "dynamic" } }), area: "pipeline" })],
  ["area 10 (may not apply)", areaCard({ draft: draft({ answers: allAt("basic") }), area: "readiness-certifications" })],
  ["area resumed (start over offered)", areaCard({ draft: draft(), area: "agreement", notice: "Welcome back", offerStartOver: true })],
  ["area being changed from the summary", areaCard({ draft: draft({ status: "completed", answers: allAt("basic"), editing: "leads" }), area: "leads", edit: true })],
  ["area of a partner rating", areaCard({ draft: draft({ kind: "partner", subject: contoso }), area: "leads" })],
  ["saved for later", savedCard({ answered: 3, total: 10, run })],
  ["summary", summaryCard({ assessment: finished(mixed), run, sharedWith: [{ circleId: "nordic", name: "Nordic Alliance" }] })],
  ["summary shared with two circles", summaryCard({ assessment: finished(mixed), run, sharedWith: [{ circleId: "nordic", name: "Nordic Alliance" }, { circleId: "golden", name: "Golden Circle" }] })],
  ["summary, every area Dynamic", summaryCard({ assessment: finished(allAt("dynamic")), run, sharedWith: [] })],
  ["summary from results (read only)", summaryCard({ assessment: finished(mixed), notice: "Your latest finished result:" })],
  ["partner verdict: partner-friendly", partnerVerdictCard({ assessment: finished(allAt("proactive"), "partner"), run: { ...run, kind: "partner", subject: "contoso" }, sharedWith: [{ circleId: "nordic", name: "Nordic Alliance" }] })],
  ["partner verdict: getting there", partnerVerdictCard({ assessment: finished({ ...allAt("reactive"), pipeline: "proactive" }, "partner") })],
  ["partner verdict: not yet", partnerVerdictCard({ assessment: finished(allAt("basic"), "partner"), sharedWith: [] })],
  ["partner verdict with practice: takes and never gives", partnerVerdictCard({ assessment: finished(allAt("proactive"), "partner"), evidence: { practice: { companyId: "tenant-contoso", given: 0, received: 6, declined: 0, wonGiven: [], wonReceived: [{ amount: 120_000, currency: "EUR" }], medianDaysToConnect: 9.5, commitmentsDue: 6, commitmentsKept: 2 }, period: { name: "the last two quarters" } } })],
  ["summary with practice next to it", summaryCard({ assessment: finished(mixed), notice: "Your latest finished result:", practice: ["You answered Basic on Pipeline; Fabrikam in the last two quarters gave 0 and received 6 leads, partners won nothing from its leads and it won 120,000 EUR from theirs.", "You answered Basic on Leads; Fabrikam in the last two quarters gave 0 and received 6 leads, kept 2 of 6 commitments to connect."] })],
  ["share a lead", leadFormCard(leadForm)],
  ["share a lead: the reversed lead explained", leadFormCard({ ...leadForm, values: { customerOrganisation: "Tailwind Traders", need: "Azure" } }, { notice: REVERSED_LEAD_MESSAGE })],
  ["share a lead, no partner in the circle yet", leadFormCard({ ...leadForm, receivers: [] })],
  ["a lead received: accept or decline", leadCard(golden, lead(), { notice: "Fabrikam passed you a lead in Golden Circle." })],
  ["a lead accepted", leadCard(golden, lead({ status: "accepted" }), { notice: "Accepted: Contoso connects with the customer by 9 November 2026." })],
  ["a lead connected: won, lost or no deal", leadCard(golden, lead({ status: "connected", connectedAt: "2026-11-04T09:00:00.000Z", commitment: "kept" }))],
  ["a lead won, as its giver sees it", leadCard(golden, lead({ party: "giver", status: "won", wonValue: { amount: 42_000, currency: "EUR" }, commitment: "kept" }))],
  ["a lead with its commitment missed", leadCard(golden, lead({ status: "accepted", commitment: "missed" }))],
  ["a lead declined", leadCard(golden, lead({ status: "declined", commitment: "none", declineReason: "Not our market: we do not work with retail." }))],
  ["decline a lead", declineLeadCard(golden, lead())],
  ["the circle's leads", leadsCard(golden, [lead(), lead({ leadId: "l-0", party: "giver", status: "won", wonValue: { amount: 42_000, currency: "EUR" } }), ...[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map(otherLead)], fabrikam)],
  ["the circle's leads, none yet", leadsCard(golden, [], fabrikam)],
];
