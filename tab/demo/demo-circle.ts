import { createHash } from "node:crypto";
import { cycleOf, previousCycle } from "../../core/cycles.js";
import { AREA_IDS, STAGE_IDS, type Answers, type AreaId, type StageId } from "../../core/model/index.js";
import { RHYTHM_NAMES, type Rhythm } from "../../core/schedule/index.js";
import { circleRhythmKeys } from "../../storage/partitions.js";
import type { ActionRecord, AssessmentRecord, CircleRecord, CompanyRecord, CompanyRef, InvitationRecord, LeadRecord, MeetingRecord, MemberRecord, PersonRef } from "../../storage/records.js";
import { demoLeads } from "./demo-leads.js";
import { DEFAULT_LOCAL_USER, SECOND_LOCAL_USER } from "../../platform/local-users.js";

/**
 * A believable circle of trust, made up but deterministic: the same options always give the same
 * circle, so tests and benchmarks can compare the dashboard with core/scoring on the same data.
 * Companies start at Basic/Reactive and mostly climb; partners rate each other a little lower than
 * they rate themselves; one company joins late and one skips a cycle now and then. Each company is
 * its own organisation (tenant), as in Teams; the first two are the Agents Playground's two local
 * users' organisations (npm start, npm run playground:second).
 */

export interface DemoCircleOptions {
  now: Date;
  circleId?: string;
  name?: string;
  companies?: number;
  cycles?: number;
  /** How many partners each company rates per cycle. */
  peersPerCompany?: number;
  seed?: number;
}

export interface DemoCircle {
  circle: CircleRecord;
  /** One per member organisation. */
  companies: CompanyRecord[];
  members: MemberRecord[];
  invitations: InvitationRecord[];
  assessments: AssessmentRecord[];
  meetings: MeetingRecord[];
  actions: ActionRecord[];
  /** Leads passed between the companies over the last year (demo-leads.ts). */
  leads: LeadRecord[];
}

export const DEMO_CIRCLE_ID = "demo-northwest-alliance";

interface DemoCompany {
  name: string;
  tenantId: string;
  formalVendorProgram: boolean;
  /** The first answers every cycle; the others join in the latest cycle, so the dashboard shows "2 people answered". */
  people: Omit<PersonRef, "tenantId">[];
}

/** The first companies of the demo: the local user (Alex Wilber) works at the first, the second local user (Megan Bowen) at the second. */
const DEMO_COMPANIES: readonly DemoCompany[] = [
  {
    name: "Contoso Consulting",
    tenantId: DEFAULT_LOCAL_USER.tenantId,
    formalVendorProgram: false,
    people: [demoPerson(DEFAULT_LOCAL_USER.aadObjectId, DEFAULT_LOCAL_USER.name), demoPerson("demo-aad-lynne", "Lynne Robbins")],
  },
  { name: "Fabrikam Cloud Services", tenantId: SECOND_LOCAL_USER.tenantId, formalVendorProgram: true, people: [demoPerson(SECOND_LOCAL_USER.aadObjectId, SECOND_LOCAL_USER.name)] },
  { name: "Northwind Data", tenantId: "demo-tenant-northwind", formalVendorProgram: false, people: [demoPerson("demo-aad-adele", "Adele Vance")] },
  { name: "Adventure Works Security", tenantId: "demo-tenant-adventure-works", formalVendorProgram: false, people: [demoPerson("demo-aad-isaiah", "Isaiah Langer")] },
  { name: "Litware Learning", tenantId: "demo-tenant-litware", formalVendorProgram: true, people: [demoPerson("demo-aad-patti", "Patti Fernandez")] },
  { name: "Tailspin Analytics", tenantId: "demo-tenant-tailspin", formalVendorProgram: false, people: [demoPerson("demo-aad-diego", "Diego Siciliani")] },
];

/** Like the bot, people are known by their Entra object id (the Agents Playground's users where there is one). */
function demoPerson(aadObjectId: string, name: string): Omit<PersonRef, "tenantId"> {
  return { userId: aadObjectId, aadObjectId, name };
}

const DEMO_ACTIONS: readonly { title: string; area: AreaId; status: ActionRecord["status"]; owner: number; dueInDays: number }[] = [
  { title: "Share a read-only view of our pipeline with the circle", area: "pipeline", status: "open", owner: 1, dueInDays: 21 },
  { title: "Draft a two-way partner agreement for the circle to sign", area: "agreement", status: "open", owner: 0, dueInDays: 35 },
  { title: "Agree a lead hand-off process with a 48-hour follow-up", area: "leads", status: "done", owner: 2, dueInDays: -20 },
  { title: "Run a joint webinar on our combined offer", area: "market-messaging", status: "open", owner: 4, dueInDays: 50 },
  { title: "Publish a shared price list for lending consultants", area: "resource-utilization", status: "done", owner: 3, dueInDays: -45 },
];

const DAY_MS = 24 * 60 * 60 * 1000;

/** A small seeded pseudo-random generator (mulberry32): deterministic, no global state. */
function randomFrom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The last `count` cycles up to the one `now` is in, oldest first. */
export function cyclesUpTo(now: Date, count: number): string[] {
  const cycles = [cycleOf(now)];
  while (cycles.length < count) cycles.unshift(previousCycle(cycles[0] as string));
  return cycles;
}

function cycleStart(cycle: string): Date {
  return new Date(Date.UTC(Number(cycle.slice(0, 4)), (Number(cycle.slice(6)) - 1) * 3, 1));
}

function companyAt(index: number): DemoCompany {
  return DEMO_COMPANIES[index] ?? { name: `Partner ${String(index + 1).padStart(2, "0")} Ltd`, tenantId: `demo-tenant-${index + 1}`, formalVendorProgram: index % 3 === 1, people: [demoPerson(`demo-aad-${index}`, `Partner ${index + 1} lead`)] };
}

function stageAt(level: number): StageId {
  return STAGE_IDS[Math.min(4, Math.max(1, level)) - 1] as StageId;
}

function areasFor(formalVendorProgram: boolean): AreaId[] {
  return AREA_IDS.filter((area) => formalVendorProgram || area !== "readiness-certifications");
}

/** Levels per company per cycle: a start at Basic or Reactive, then mostly small climbs. */
function levelHistory(formalVendorProgram: boolean, cycles: number, random: () => number): Map<AreaId, number>[] {
  const history: Map<AreaId, number>[] = [];
  let current = new Map(areasFor(formalVendorProgram).map((area) => [area, 1 + Math.floor(random() * 2)]));
  for (let cycle = 0; cycle < cycles; cycle += 1) {
    if (cycle > 0) {
      current = new Map([...current].map(([area, level]) => [area, Math.min(4, Math.max(1, level + (random() < 0.38 ? 1 : random() < 0.05 ? -1 : 0)))]));
    }
    history.push(current);
  }
  return history;
}

export function buildDemoCircle(options: DemoCircleOptions): DemoCircle {
  const { now, circleId = DEMO_CIRCLE_ID, name = "Northwest Alliance", companies: companyCount = DEMO_COMPANIES.length, cycles: cycleCount = 4, peersPerCompany = 2, seed = 7 } = options;
  const random = randomFrom(seed);
  const cycles = cyclesUpTo(now, cycleCount);
  const createdAt = cycleStart(cycles[0] as string).toISOString();
  const companies = Array.from({ length: companyCount }, (_, index) => companyAt(index));
  const refs: CompanyRef[] = companies.map((company) => ({ companyId: company.tenantId, companyName: company.name }));
  const people = companies.map((company) => company.people.map((person) => ({ ...person, tenantId: company.tenantId })));
  /** The last company joins halfway, so its history is shorter. */
  const joinedAt = companies.map((_, index) => (index === companyCount - 1 && companyCount > 2 ? Math.floor(cycleCount / 2) : 0));
  const members: MemberRecord[] = refs.map((company, index) => ({
    circleId,
    company,
    status: "member",
    people: people[index] ?? [],
    joinedAt: cycleStart(cycles[joinedAt[index] ?? 0] as string).toISOString(),
    ...(index > 0 ? { invitedAs: invitedAsOf(company.companyName), invitedBy: refs[0] as CompanyRef, invitationId: `demo-invitation-${index}` } : {}),
  }));
  const invitations = [demoInvitation(circleId, refs[0] as CompanyRef, people[0]?.[0] ?? { tenantId: "", userId: "unknown" }, now)];
  const histories = companies.map((company) => levelHistory(company.formalVendorProgram, cycleCount, random));
  const assessments: AssessmentRecord[] = [];
  cycles.forEach((cycle, cycleIndex) => {
    const completedAt = (index: number): string => completionTime(cycle, now, index / companyCount);
    refs.forEach((subject, subjectIndex) => {
      if (cycleIndex < (joinedAt[subjectIndex] ?? 0)) return;
      const isFirstCycle = cycleIndex === joinedAt[subjectIndex];
      const isLastCycle = cycleIndex === cycleCount - 1;
      const skips = !isFirstCycle && !isLastCycle && random() < 0.12;
      const levels = histories[subjectIndex]?.[cycleIndex] ?? new Map<AreaId, number>();
      const formalVendorProgram = companies[subjectIndex]?.formalVendorProgram ?? false;
      const answering = isLastCycle ? (people[subjectIndex] ?? []) : (people[subjectIndex] ?? []).slice(0, 1);
      if (!skips) {
        answering.forEach((person, personIndex) => {
          const answers = answersFrom(levels, 0, random, false, personIndex > 0);
          assessments.push(record(cycle, subject, subject, person, formalVendorProgram, answers, completedAt(subjectIndex)));
        });
      }
      for (let offset = 1; offset <= peersPerCompany && offset < companyCount; offset += 1) {
        const raterIndex = (subjectIndex - offset + companyCount) % companyCount;
        if (cycleIndex < (joinedAt[raterIndex] ?? 0)) continue;
        const rater = refs[raterIndex] as CompanyRef;
        const raterPerson = people[raterIndex]?.[0] ?? { tenantId: rater.companyId, userId: "unknown" };
        assessments.push(record(cycle, rater, subject, raterPerson, formalVendorProgram, answersFrom(levels, 0.1, random, true), completedAt(raterIndex)));
      }
    });
  });
  const founder = people[0]?.[0] ?? { tenantId: refs[0]?.companyId ?? "", userId: "unknown" };
  const circle: CircleRecord = { circleId, name, createdAt, createdBy: founder, createdByCompany: refs[0] as CompanyRef };
  const companyRecords: CompanyRecord[] = companies.map((company, index) => ({
    companyId: company.tenantId,
    tenantId: company.tenantId,
    name: company.name,
    formalVendorProgram: company.formalVendorProgram,
    namedBy: people[index]?.[0] ?? founder,
    createdAt,
    updatedAt: createdAt,
  }));
  // A generator of its own, so that the leads never change the assessments drawn above.
  const leads = demoLeads({ circleId, refs, people, joinedAt: members.map((member) => member.joinedAt), now, random: randomFrom(seed + 1) });
  return { circle, companies: companyRecords, members, invitations, assessments, meetings: demoMeetings(circleId, cycles, now), actions: demoActions(circleId, refs, now), leads };
}

/** The inviter typed a shorter name than the one the organisation joined with: "invited as Fabrikam, joined as Fabrikam Cloud Services". */
function invitedAsOf(companyName: string): string {
  return companyName.split(" ")[0] ?? companyName;
}

function demoInvitation(circleId: string, invitedBy: CompanyRef, person: PersonRef, now: Date): InvitationRecord {
  return {
    invitationId: "demo-invitation-wide-world",
    circleId,
    codeDigest: createHash("sha256").update(`demo-unusable-code-${circleId}`).digest("hex"),
    invitedAs: "Wide World Importers",
    invitedBy,
    invitedByPerson: person,
    status: "pending",
    createdAt: new Date(now.getTime() - 5 * DAY_MS).toISOString(),
    expiresAt: new Date(now.getTime() + 9 * DAY_MS).toISOString(),
  };
}

/**
 * Partners see a company a little less rosily than it sees itself, and leave some areas unrated; a
 * colleague sometimes sees the company a stage differently.
 */
function answersFrom(levels: ReadonlyMap<AreaId, number>, skipChance: number, random: () => number, asPartner = false, asColleague = false): Answers {
  const answers: Answers = {};
  for (const [area, level] of levels) {
    if (random() < skipChance) continue;
    const partnerShift = asPartner ? (random() < 0.45 ? -1 : random() < 0.1 ? 1 : 0) : 0;
    const colleagueShift = asColleague ? (random() < 0.25 ? 1 : random() < 0.15 ? -1 : 0) : 0;
    answers[area] = stageAt(level + partnerShift + colleagueShift);
  }
  return answers;
}

function record(cycle: string, rater: CompanyRef, subject: CompanyRef, ratedBy: PersonRef, formalVendorProgram: boolean, answers: Answers, completedAt: string): AssessmentRecord {
  const kind = rater.companyId === subject.companyId ? "self" : "partner";
  return { assessmentId: `demo-${cycle}-${kind}-${rater.companyId}-${subject.companyId}-${ratedBy.userId}`, cycle, rater, subject, ratedBy, formalVendorProgram, answers, completedAt };
}

/** Somewhere in the cycle, never after now. */
function completionTime(cycle: string, now: Date, fraction: number): string {
  const start = cycleStart(cycle).getTime();
  const end = Math.min(start + 91 * DAY_MS, now.getTime());
  return new Date(start + (end - start) * (0.25 + 0.6 * fraction)).toISOString();
}

/** The demo circle's joint planning: monthly on the 10th at 09:00 UTC, as its meetings below. */
export const DEMO_JOINT_PLANNING: Rhythm = { kind: "joint-planning", cadence: "monthly", day: { kind: "day-of-month", day: 10 }, time: "09:00", timeZone: "Etc/UTC", paused: false };

/**
 * Monthly joint planning on the 10th since the first cycle, two more planned ahead. Every fifth
 * meeting nobody confirmed as held, and one was skipped.
 */
function demoMeetings(circleId: string, cycles: readonly string[], now: Date): MeetingRecord[] {
  const first = cycleStart(cycles[0] as string);
  const meetings: MeetingRecord[] = [];
  for (let month = 0; meetings.filter((meeting) => new Date(meeting.plannedFor) > now).length < 2; month += 1) {
    const plannedFor = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + month, 10, 9, 0));
    const planned: MeetingRecord = {
      circleId,
      meetingId: circleRhythmKeys.meetingId("joint-planning", plannedFor.toISOString()),
      rhythmKind: "joint-planning",
      // The title the reminders give a meeting; the date is shown next to it from plannedFor.
      title: RHYTHM_NAMES["joint-planning"],
      plannedFor: plannedFor.toISOString(),
      status: "planned",
      updatedAt: new Date(Math.min(plannedFor.getTime(), now.getTime())).toISOString(),
    };
    meetings.push(plannedFor > now ? planned : outcomeOf(planned, month));
  }
  return meetings;
}

function outcomeOf(meeting: MeetingRecord, month: number): MeetingRecord {
  if (month % 5 === 3) return meeting;
  if (month === 4) return { ...meeting, status: "cancelled", cancelledAt: meeting.plannedFor };
  return { ...meeting, status: "held", heldAt: meeting.plannedFor };
}

function demoActions(circleId: string, refs: readonly CompanyRef[], now: Date): ActionRecord[] {
  return DEMO_ACTIONS.map((action, index) => {
    const owner = refs[action.owner % refs.length] as CompanyRef;
    const dueBy = new Date(now.getTime() + action.dueInDays * DAY_MS).toISOString().slice(0, 10);
    const createdAt = new Date(now.getTime() - (60 - index * 7) * DAY_MS).toISOString();
    return {
      actionId: `demo-action-${index + 1}`,
      circleId,
      area: action.area,
      title: action.title,
      owner,
      dueBy,
      status: action.status,
      source: "reminder",
      createdAt,
      createdBy: refs[0] as CompanyRef,
      ...(action.status === "done" ? { doneAt: `${dueBy}T12:00:00.000Z`, doneBy: owner } : {}),
    };
  });
}
