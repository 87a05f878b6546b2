import { defaultRhythm } from "../../core/schedule/index.js";
import { actionsCard, gapToActionCard, type Agenda } from "../../circles/index.js";
import { assessmentReminderCard, formValuesOf, meetingReminderCard, rhythmDetailsCard, rhythmPatternCard, rhythmsCard } from "../../reminders/cards.js";
import type { ActionRecord } from "../../storage/records.js";
import { changeBetween, circleByCycle, type CompanyAssessment, type CycleResult } from "../../circles/index.js";
import type { Answers } from "../../core/model/types.js";
import { circleDashboardLink } from "../../platform/tab-links.js";
import { cycleResultCard } from "../../reminders/cycle-result-card.js";
import { weeklyRhythm } from "./support.js";
import { leadNoticeCard, leadNoticeText } from "../../reminders/lead-notices.js";
import type { CircleRecord, LeadRecord } from "../../storage/records.js";


/** Every reminder and circle card, in each of its variants: checked by the parser and rendered at 360 px. */
export const circle = { circleId: "c-1", name: "Golden Circle" };
export const members = [
  { companyId: "tenant-contoso", companyName: "Contoso" },
  { companyId: "tenant-fabrikam", companyName: "Fabrikam" },
];
export const action: ActionRecord = {
  actionId: "a-1",
  circleId: "c-1",
  area: "pipeline",
  title: "Share the Q2 pipeline",
  owner: members[1]!,
  dueBy: "2026-03-01",
  status: "open",
  source: "reminder",
  createdAt: "2026-02-01T00:00:00Z",
  createdBy: members[0]!,
};
export const agenda: Agenda = {
  weakest: [{ area: "pipeline", areaName: "Pipeline", stageName: "Basic", nextSteps: ["Agree with your partners that opportunities flow both ways: give as well as take."] }],
  assessedCompanies: 2,
  openActions: [action],
  meetings: { planned: 3, held: 2, skipped: 1 },
};
const leadCircle: CircleRecord = { ...circle, createdAt: "2026-02-01T00:00:00Z", createdBy: { tenantId: "tenant-contoso", userId: "aad-ada" }, createdByCompany: members[0]! };
const lead: LeadRecord = {
  leadId: "l-1",
  circleId: "c-1",
  giver: members[0]!,
  receiver: members[1]!,
  sharedBy: { tenantId: "tenant-contoso", userId: "aad-ada" },
  customer: { organisation: "Tailwind Traders", contact: "Kim Akers" },
  need: "Move their warehouse system to Azure before the spring season",
  customerInterested: true,
  estimate: { amount: 50_000, currency: "EUR" },
  connectBy: "2026-03-09",
  status: "accepted",
  sharedAt: "2026-03-02T09:00:00.000Z",
  updatedAt: "2026-03-02T09:00:00.000Z",
  updatedBy: { tenantId: "tenant-fabrikam", userId: "aad-bo" },
};
const leadNotice = (step: Parameters<typeof leadNoticeText>[0], record: LeadRecord, today: string): object => leadNoticeCard(leadCircle, record, leadNoticeText(step, record, leadCircle, today) ?? "", today);

export const occurrence = new Date("2026-03-03T08:00:00Z");

function selfAssessment(company: (typeof members)[number], cycle: string, answers: Answers, people = 1): CompanyAssessment {
  const ratedBy = Array.from({ length: people }, (_, index) => ({ tenantId: company.companyId, userId: `person-${index}` }));
  return { cycle, rater: company, subject: company, answers, formalVendorProgram: true, people: ratedBy, completedAt: `${cycle.slice(0, 4)}-0${Number(cycle.slice(6)) * 3 - 1}-10T10:00:00Z`, disagreements: [] };
}

const lastCycle: Answers = {
  "joint-business-planning": "reactive",
  pipeline: "basic",
  agreement: "proactive",
  leads: "reactive",
  "sales-compensation": "basic",
  "market-messaging": "reactive",
  geography: "proactive",
  "resource-utilization": "reactive",
  "customer-relationship": "dynamic",
  "readiness-certifications": "proactive",
};
const [q1, q2] = circleByCycle([
  selfAssessment(members[0]!, "2026-Q1", lastCycle, 3),
  selfAssessment(members[1]!, "2026-Q1", lastCycle),
  selfAssessment(members[0]!, "2026-Q2", { ...lastCycle, pipeline: "proactive", leads: "basic", "sales-compensation": "reactive" }, 4),
]);
export const cycleResult: CycleResult = { standing: q2!, previous: q1, change: changeBetween(q1!, q2!), members: [...members, { companyId: "tenant-northwind", companyName: "Northwind" }] };
const dashboardLink = circleDashboardLink({ endpoint: "https://pm.example.com", teamsAppId: "00000000-0000-0000-0000-0000000000aa" }, circle, "19:golden-circle@thread.tacv2");

export const REMINDER_CARDS = {
  "meeting reminder (channel)": meetingReminderCard({ circle, rhythm: weeklyRhythm(), step: "meeting-reminder", occurrence, agenda, members, audience: "channel" }, "2026-03-02"),
  "meeting reminder before anyone assessed": meetingReminderCard({ circle, rhythm: weeklyRhythm(), step: "meeting-reminder", occurrence, agenda: { ...agenda, weakest: [], assessedCompanies: 0, openActions: [] }, members, audience: "personal" }, "2026-03-02"),
  "agreement review notice": meetingReminderCard({ circle, rhythm: defaultRhythm("agreement-review", "Europe/Stockholm"), step: "review-notice", occurrence, agenda, members, audience: "channel" }, "2026-03-02"),
  "assessment invitation": assessmentReminderCard({ circle, rhythm: defaultRhythm("assessment-cycle", "Europe/Stockholm"), step: "assessment-invitation", cycleStart: occurrence, pending: [], audience: "channel" }),
  "assessment nudge (personal)": assessmentReminderCard({ circle, rhythm: defaultRhythm("assessment-cycle", "Europe/Stockholm"), step: "assessment-nudge-2", cycleStart: occurrence, pending: [members[1]!], audience: "personal" }),
  rhythms: rhythmsCard(circle, [{ rhythm: weeklyRhythm(), nextOccurrence: occurrence, meetings: agenda.meetings }, { rhythm: { ...defaultRhythm("executive", "UTC"), paused: true }, nextOccurrence: undefined, meetings: undefined }], ["agreement-review"]),
  "rhythm form, step 1": rhythmPatternCard(circle, defaultRhythm("joint-planning", "Europe/Stockholm"), ["weekly", "monthly", "quarterly"]),
  "rhythm form, step 2 (weekday)": rhythmDetailsCard(circle, "joint-planning", { cadence: "weekly", dayRule: "weekday" }, formValuesOf(weeklyRhythm())),
  "rhythm form, step 2 (a day of the quarter, refused)": rhythmDetailsCard(circle, "agreement-review", { cadence: "yearly", dayRule: "day-of-month" }, formValuesOf(defaultRhythm("agreement-review", "UTC")), "That is not a time zone I know."),
  "assessment cycle result": cycleResultCard({ circle, result: cycleResult, dashboardLink }),
  "assessment cycle result, first cycle, no tab address": cycleResultCard({ circle, result: { standing: q1!, previous: undefined, change: undefined, members }, dashboardLink: undefined }),
  "open actions": actionsCard(circle, [action], "2026-03-02"),
  "gap to action (assessment summary)": gapToActionCard(circle, agenda.weakest, members, "assessment-summary"),
  "lead passed to a company": leadNotice("lead-shared", { ...lead, status: "shared" }, "2026-03-02"),
  "lead reminder (not answered yet)": leadNotice("lead-reminder", { ...lead, status: "shared" }, "2026-03-09"),
  "lead reminder (accepted)": leadNotice("lead-reminder", lead, "2026-03-09"),
  "lead commitment missed": leadNotice("lead-missed", lead, "2026-03-10"),
};
