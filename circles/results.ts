import { levelsOf, scoreCircle, trendBetween, type CircleResult, type Trend } from "../core/scoring/index.js";
import type { CircleSnapshot } from "../storage/repositories/circles.js";
import type { CompanyRef, MemberRecord } from "../storage/records.js";
import { asMemberAssessment, byRaterAndSubject, bySubject, companyAssessmentsOf, isSelfAssessment, latestBy, type CompanyAssessment } from "./assessments.js";
import { currentMembers } from "./membership.js";

/**
 * A circle's results as the dashboard, the CSV export, the reminders' agenda and the cycle result
 * card all read them from one partition: current member companies, their assessments (each
 * company's people combined, circles/assessments.ts), and the circle cycle by cycle.
 */

export interface CircleAssessments {
  /** Companies whose status is "member", by name. */
  members: MemberRecord[];
  /** Self-assessments of members, one per company and cycle, oldest cycle first. */
  selfAssessments: CompanyAssessment[];
  /** Each member's latest rating of each other member. */
  latestPartnerRatings: CompanyAssessment[];
  /** Stored person rows that cannot be scored (unknown area or stage): left out, counted for the log. */
  unreadable: number;
}

export function memberCompanies(snapshot: CircleSnapshot): MemberRecord[] {
  return currentMembers(snapshot.members).sort((a, b) => a.company.companyName.localeCompare(b.company.companyName, "en"));
}

/** Only assessments between current members count, and companies are shown by their current names. */
export function circleAssessments(snapshot: CircleSnapshot): CircleAssessments {
  const members = memberCompanies(snapshot);
  const names = new Map(members.map((member) => [member.company.companyId, member.company]));
  const ofMembers = snapshot.assessments
    .map((row) => row.data)
    .filter((assessment) => names.has(assessment.rater.companyId) && names.has(assessment.subject.companyId));
  const { assessments, unreadable } = companyAssessmentsOf(ofMembers);
  const named = assessments.map((assessment) => ({ ...assessment, rater: names.get(assessment.rater.companyId) ?? assessment.rater, subject: names.get(assessment.subject.companyId) ?? assessment.subject }));
  const selfAssessments = named.filter(isSelfAssessment);
  const latestPartnerRatings = [...latestBy(named.filter((assessment) => !isSelfAssessment(assessment)), byRaterAndSubject).values()];
  return { members, selfAssessments, latestPartnerRatings, unreadable };
}

/** Each member company's latest self-assessment: its people's answers in its latest cycle, combined. */
export function latestSelfAssessments(snapshot: CircleSnapshot): CompanyAssessment[] {
  return [...latestBy(circleAssessments(snapshot).selfAssessments, bySubject).values()];
}

/** Map.groupBy, which Node 20 does not have. */
export function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

/** The circle as it stood in one cycle. */
export interface CycleStanding {
  cycle: string;
  /** Every member's latest self-assessment up to and including this cycle, combined. */
  result: CircleResult;
  /** Those latest self-assessments, one per company. */
  counted: CompanyAssessment[];
  /** The member companies' self-assessments made in this cycle. */
  assessedThisCycle: CompanyAssessment[];
}

/**
 * Each cycle in which a member assessed itself, oldest first, with the circle as it stood then: a
 * company that did not re-assess counts with its latest earlier answers. The last one is the circle
 * as it stands now.
 */
export function circleByCycle(selfAssessments: readonly CompanyAssessment[]): CycleStanding[] {
  const asOf = new Map<string, CompanyAssessment>();
  return [...groupBy(selfAssessments, (assessment) => assessment.cycle)].map(([cycle, inCycle]) => {
    for (const assessment of inCycle) asOf.set(bySubject(assessment), assessment);
    const counted = [...asOf.values()];
    return { cycle, result: scoreCircle(counted.map(asMemberAssessment)), counted, assessedThisCycle: inCycle };
  });
}

/** What moved from one cycle's standing to a later one's, area by area (circle medians). */
export function changeBetween(previous: CycleStanding, current: CycleStanding): Trend {
  return trendBetween(levelsOf(previous.result), levelsOf(current.result));
}

/** One cycle's result and, when an earlier cycle has assessments, what moved since then. */
export interface CycleResult {
  standing: CycleStanding;
  previous: CycleStanding | undefined;
  change: Trend | undefined;
  /** Current member companies, by name. */
  members: CompanyRef[];
}

/** The circle's result in `cycle`; undefined when no member assessed itself in it. */
export function cycleResultOf(snapshot: CircleSnapshot, cycle: string): CycleResult | undefined {
  const data = circleAssessments(snapshot);
  const standings = circleByCycle(data.selfAssessments);
  const index = standings.findIndex((standing) => standing.cycle === cycle);
  const standing = standings[index];
  if (!standing) return undefined;
  const previous = standings[index - 1];
  return { standing, previous, change: previous ? changeBetween(previous, standing) : undefined, members: data.members.map((member) => member.company) };
}
