import { levelOf, type Answers, type StageId } from "../../core/model/index.js";
import { cycleOf } from "../../core/cycles.js";
import {
  MOST_AREAS_SHARE,
  MOST_AREAS_TARGET_STAGE,
  overallStageFor,
  partnerFriendlinessVerdict,
  scoreAssessment,
  scoreCircle,
  selfVsPartners,
  type AssessmentResult,
  type CircleResult,
  type SelfVsPartnersArea,
} from "../../core/scoring/index.js";
import type { CircleSnapshot } from "../../storage/repositories/circles.js";
import { asMemberAssessment, bySubject, changeBetween, circleAssessments, circleByCycle, groupBy, latestBy, pendingInvitations, type CircleAssessments, type CompanyAssessment } from "../../circles/index.js";
import type { MemberRecord } from "../../storage/records.js";
import type {
  ActionView,
  CircleScoreView,
  CompanyView,
  DashboardView,
  MeetingView,
  MeetingsView,
  MemberView,
  MyRatingView,
  PartnerFriendlinessView,
  SelfVsPartnersView,
  TargetView,
  TrendPoint,
  TrendView,
} from "../shared/dashboard-types.js";
import { cellsOf, compareText, scored } from "./circle-data.js";
import { readActions, readMeetings } from "./circle-rows.js";
import { DEFAULT_PERIOD, periodOf, type CompanyPractice, type Period } from "../../core/leads/index.js";
import { giveAndTakeView, practiceByCompany, readLeads } from "./give-and-take.js";

/**
 * Confidentiality of partner ratings: what companies say about a partner is shown only as an
 * aggregate over at least this many rating companies. A rating company's own rating does not count
 * towards the minimum in what it is shown itself: with two raters, the median is the mean, and the
 * one rater could work out the other's rating from it. (Not a scoring threshold, so it lives here.)
 */
export const MIN_RATING_COMPANIES = 2;

const UPCOMING_MEETINGS_SHOWN = 5;
const RECENT_MEETINGS_SHOWN = 8;

export interface DashboardInput {
  snapshot: CircleSnapshot;
  /** The company through which the signed-in person belongs to the circle. */
  viewerCompanyId: string;
  now: Date;
}

export interface DashboardOutcome {
  view: DashboardView;
  /** Stored rows left out because they could not be read; the route logs the count. */
  unreadableRows: number;
}

/** Assembles a circle's dashboard from one partition read. Scoring is core/scoring's; this only arranges it. */
export function buildDashboard({ snapshot, viewerCompanyId, now }: DashboardInput): DashboardOutcome {
  const data = circleAssessments(snapshot);
  const latestSelf = [...latestBy(data.selfAssessments, bySubject).values()].map((record) => ({ record, result: scored(record) }));
  const current = scoreCircle(latestSelf.map(({ record }) => asMemberAssessment(record)));
  const ratingsBySubject = groupBy(data.latestPartnerRatings, bySubject);
  const perMember = data.members.map((member) => {
    const self = latestSelf.find(({ record }) => record.subject.companyId === member.company.companyId);
    return { member, self, partners: partnerViewOf(self?.record, ratingsBySubject.get(member.company.companyId) ?? [], viewerCompanyId) };
  });
  const meetings = readMeetings(snapshot.otherRows.get("meeting"));
  const actions = readActions(snapshot.otherRows.get("action"));
  const leads = readLeads(snapshot.otherRows.get("lead"));
  const practicePeriod = periodOf(DEFAULT_PERIOD, now);
  const practice = practiceByCompany(data.members, leads.items, practicePeriod, now);
  const selfStages = new Map(latestSelf.map(({ record, result }) => [record.subject.companyId, { pipeline: stageIn(result, "pipeline"), leads: stageIn(result, "leads") }]));
  const viewer = data.members.find((member) => member.company.companyId === viewerCompanyId);
  const view: DashboardView = {
    circle: { circleId: snapshot.circle.data.circleId, name: snapshot.circle.data.name },
    generatedAt: now.toISOString(),
    viewer: viewer ? companyView(viewer) : { companyId: viewerCompanyId, companyName: viewerCompanyId },
    cycles: cyclesOf(data.selfAssessments),
    members: perMember.map(({ member, self }) => memberView(member, self, viewerCompanyId)),
    invitations: pendingInvitations(snapshot.invitations, now).map((invitation) => ({ invitationId: invitation.invitationId, invitedAs: invitation.invitedAs, invitedBy: invitation.invitedBy.companyName, expiresAt: invitation.expiresAt })),
    circleScore: circleScoreView(current, data.members.length),
    target: targetView(current, latestSelf.map(({ result }) => result)),
    weakest: current.weakest.map(({ area, stage, nextSteps }) => ({ area, stage, nextSteps })),
    trend: trendView(data),
    minimumRaters: MIN_RATING_COMPANIES,
    partnerFriendliness: perMember.map(({ member, self, partners }) => partnerFriendlinessView(member, self?.record, partners, { practice: practice.get(member.company.companyId), period: practicePeriod })),
    selfVsPartners: perMember.map(({ member, partners }) => selfVsPartnersView(member, partners)),
    myRatings: myRatings(data.latestPartnerRatings, viewerCompanyId),
    meetings: meetingsView(meetings.items, now),
    actions: sortedActions(actions.items),
    giveAndTake: giveAndTakeView({ members: data.members, leads: leads.items, selfStages, viewerCompanyId, now }),
  };
  return { view, unreadableRows: data.unreadable + meetings.unreadable + actions.unreadable + leads.unreadable };
}

function companyView(member: MemberRecord): CompanyView {
  return { companyId: member.company.companyId, companyName: member.company.companyName };
}

function cyclesOf(assessments: readonly CompanyAssessment[]): string[] {
  return [...new Set(assessments.map((assessment) => assessment.cycle))].sort(compareText);
}

interface ScoredAssessment {
  record: CompanyAssessment;
  result: AssessmentResult;
}

function memberView(member: MemberRecord, self: ScoredAssessment | undefined, viewerCompanyId: string): MemberView {
  const isViewer = member.company.companyId === viewerCompanyId;
  const invitedAs = member.invitedAs !== undefined && member.invitedAs !== member.company.companyName ? member.invitedAs : null;
  if (!self) return { ...companyView(member), isViewer, invitedAs, latest: null };
  const { record: latest, result } = self;
  return {
    ...companyView(member),
    isViewer,
    invitedAs,
    latest: {
      cycle: latest.cycle,
      completedAt: latest.completedAt,
      formalVendorProgram: latest.formalVendorProgram,
      cells: cellsOf(result),
      overall: result.overall ?? null,
      complete: result.complete,
      proactiveInMostAreas: result.proactiveInMostAreas,
      peopleAnswered: latest.people.length,
      disagreements: latest.disagreements,
      ...(isViewer ? { answeredBy: latest.people.flatMap((person) => (person.name ? [person.name] : [])) } : {}),
    },
  };
}

function circleScoreView(result: CircleResult, memberCount: number): CircleScoreView {
  return {
    memberCount,
    assessedCount: result.memberCount,
    overall: result.overall ?? null,
    areas: result.areas.map((aggregate) => ({ ...aggregate })),
  };
}

/**
 * The seed's target, "Proactive in most areas", applied to the circle's median stages with the
 * same rule core/scoring applies to one company.
 */
function targetView(current: CircleResult, latestSelf: readonly AssessmentResult[]): TargetView {
  const targetLevel = levelOf(MOST_AREAS_TARGET_STAGE);
  const medianAnswers: Answers = Object.fromEntries(current.areas.map((aggregate) => [aggregate.area, aggregate.medianStage]));
  const countsReadiness = current.areas.some((aggregate) => aggregate.area === "readiness-certifications");
  const areas = current.areas.map(({ area, median, medianStage }) => ({ area, median, medianStage, targetLevel, atTarget: levelOf(medianStage) >= targetLevel }));
  return {
    targetStage: MOST_AREAS_TARGET_STAGE,
    share: MOST_AREAS_SHARE,
    areas,
    areasAtTarget: areas.filter((area) => area.atTarget).length,
    circleReachesTarget: scoreAssessment(medianAnswers, { formalVendorProgram: countsReadiness }).proactiveInMostAreas,
    membersAtTarget: latestSelf.filter((result) => result.proactiveInMostAreas).length,
    membersAssessed: latestSelf.length,
  };
}

/** Each cycle shows the circle as it stood then (circles/results.ts); the last is the circle as it stands now. */
function trendView(data: CircleAssessments): TrendView {
  const circles = circleByCycle(data.selfAssessments);
  const points: TrendPoint[] = circles.map(({ cycle, result, assessedThisCycle }) => ({
    cycle,
    assessedCount: result.memberCount,
    assessedThisCycle: assessedThisCycle.length,
    overall: result.overall ?? null,
    areas: result.areas.map(({ area, median }) => ({ area, median })),
  }));
  const [previous, last] = circles.slice(-2);
  if (!previous || !last) return { points, change: null };
  const trend = changeBetween(previous, last);
  return {
    points,
    change: { from: previous.cycle, to: last.cycle, overallChange: trend.overallChange ?? null, improved: trend.improved, declined: trend.declined, areas: trend.areas },
  };
}

interface PartnerView {
  /** Every member's latest rating of the subject. */
  ratings: readonly CompanyAssessment[];
  /** Rating companies that count towards the minimum for this viewer (all but the viewer's own). */
  countingRaters: number;
  /** Per area: the partners' median over all ratings, and whether this viewer may see it. */
  areas: { all: SelfVsPartnersArea; visible: boolean }[];
}

/** One subject's partner ratings: the aggregate over all of them, and what of it this viewer may see. */
function partnerViewOf(self: CompanyAssessment | undefined, ratings: readonly CompanyAssessment[], viewerCompanyId: string): PartnerView {
  const all = selfVsPartners(self && asMemberAssessment(self), ratings.map(asMemberAssessment));
  const viewersRating = ratings.find((rating) => rating.rater.companyId === viewerCompanyId);
  const viewerRated = new Set(viewersRating ? scored(viewersRating).stages.map((areaStage) => areaStage.area) : []);
  return {
    ratings,
    countingRaters: ratings.length - (viewersRating ? 1 : 0),
    areas: all.map((area) => ({ all: area, visible: area.raters - (viewerRated.has(area.area) ? 1 : 0) >= MIN_RATING_COMPANIES })),
  };
}

function stageIn(result: AssessmentResult, area: "pipeline" | "leads"): StageId | undefined {
  return result.stages.find((areaStage) => areaStage.area === area)?.stage;
}

function partnerFriendlinessView(member: MemberRecord, self: CompanyAssessment | undefined, partners: PartnerView, evidence: { practice: CompanyPractice | undefined; period: Period }): PartnerFriendlinessView {
  if (partners.countingRaters < MIN_RATING_COMPANIES) return { ...companyView(member), status: "too-few-raters", minimumRaters: MIN_RATING_COMPANIES };
  const aggregate: Answers = Object.fromEntries(
    partners.areas.flatMap(({ all, visible }) => (visible && all.partners !== undefined ? [[all.area, overallStageFor(all.partners)]] : [])),
  );
  const formalVendorProgram = self?.formalVendorProgram ?? partners.ratings.some((rating) => rating.formalVendorProgram);
  const verdict = partnerFriendlinessVerdict(aggregate, { formalVendorProgram }, evidence.practice ? { practice: evidence.practice, period: evidence.period } : undefined);
  return {
    ...companyView(member),
    status: "rated",
    raters: partners.ratings.length,
    verdict: verdict.verdict,
    reasons: verdict.reasons,
    overall: verdict.result.overall ?? null,
  };
}

function selfVsPartnersView(member: MemberRecord, partners: PartnerView): SelfVsPartnersView {
  if (partners.countingRaters < MIN_RATING_COMPANIES) return { ...companyView(member), status: "too-few-raters", minimumRaters: MIN_RATING_COMPANIES };
  return {
    ...companyView(member),
    status: "rated",
    raters: partners.ratings.length,
    areas: partners.areas.map(({ all, visible }) => ({
      area: all.area,
      self: all.self ?? null,
      partners: visible ? (all.partners ?? null) : null,
      gap: visible ? (all.gap ?? null) : null,
    })),
  };
}

function myRatings(latestRatings: readonly CompanyAssessment[], viewerCompanyId: string): MyRatingView[] {
  return latestRatings
    .filter((rating) => rating.rater.companyId === viewerCompanyId)
    .sort((a, b) => a.subject.companyName.localeCompare(b.subject.companyName, "en"))
    .map((rating) => ({ subject: { ...rating.subject }, cycle: rating.cycle, cells: cellsOf(scored(rating)) }));
}

function plannedTime(meeting: MeetingView): Date {
  return new Date(meeting.plannedFor);
}

/**
 * Held vs planned as the reminder cards count it: only meetings whose planned time has come; skipped
 * (cancelled) ones are counted apart.
 */
function meetingsView(meetings: readonly MeetingView[], now: Date): MeetingsView {
  const byTime = [...meetings].sort((a, b) => plannedTime(a).getTime() - plannedTime(b).getTime());
  const past = byTime.filter((meeting) => plannedTime(meeting) <= now);
  const due = past.filter((meeting) => meeting.status !== "cancelled");
  const cycles = [...new Set(due.map((meeting) => cycleOf(plannedTime(meeting))))];
  return {
    plannedSoFar: due.length,
    held: due.filter((meeting) => meeting.status === "held").length,
    skipped: past.length - due.length,
    skippedMeetings: past.filter((meeting) => meeting.status === "cancelled").reverse(),
    byCycle: cycles.map((cycle) => {
      const inCycle = due.filter((meeting) => cycleOf(plannedTime(meeting)) === cycle);
      return { cycle, planned: inCycle.length, held: inCycle.filter((meeting) => meeting.status === "held").length };
    }),
    upcoming: byTime.filter((meeting) => plannedTime(meeting) > now && meeting.status !== "cancelled").slice(0, UPCOMING_MEETINGS_SHOWN),
    recent: due.slice(-RECENT_MEETINGS_SHOWN).reverse(),
  };
}

function sortedActions(actions: readonly ActionView[]): ActionView[] {
  return [...actions].sort((a, b) => compareText(a.status, b.status) === 0 ? compareText(a.dueBy ?? "~", b.dueBy ?? "~") : a.status === "open" ? -1 : 1);
}
