import { AREAS, stageById, type AreaId } from "../../core/model/index.js";
import { byRaterAndSubject, companyAssessmentsOf, isSelfAssessment, latestBy, type CompanyAssessment } from "../../circles/index.js";
import { scoreAssessment, type AssessmentResult, type MemberAssessment } from "../../core/scoring/index.js";
import type { CircleSnapshot } from "../../storage/repositories/circles.js";
import type { MemberRecord } from "../../storage/records.js";
import type { AreaCell } from "../shared/dashboard-types.js";

/**
 * Reading a circle's partition the way the dashboard and the CSV export both need it: current
 * member companies, and their assessments — each company's people's answers combined
 * (circles/assessments.ts) — in cycle order.
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
  return snapshot.members
    .map((row) => row.data)
    .filter((member) => member.status === "member")
    .sort((a, b) => a.company.companyName.localeCompare(b.company.companyName, "en"));
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

export function asMemberAssessment(assessment: CompanyAssessment): MemberAssessment {
  return { companyId: assessment.subject.companyId, answers: assessment.answers, formalVendorProgram: assessment.formalVendorProgram };
}

export function scored(assessment: Pick<CompanyAssessment, "answers" | "formalVendorProgram">): AssessmentResult {
  return scoreAssessment(assessment.answers, { formalVendorProgram: assessment.formalVendorProgram });
}

/** All 10 areas in model order, as the heatmap and the CSV show them. */
export function cellsOf(result: AssessmentResult): AreaCell[] {
  return AREAS.map(({ id }) => cellFor(id, result));
}

function cellFor(area: AreaId, result: AssessmentResult): AreaCell {
  const answered = result.stages.find((areaStage) => areaStage.area === area);
  if (answered) return { area, answer: answered.stage, level: answered.level };
  if (result.notApplicable.includes(area)) return { area, answer: "not-applicable", level: null };
  return { area, answer: "unanswered", level: null };
}

/** What a person reads in a cell: the stage name, "Not applicable", or nothing. */
export function cellText(cell: AreaCell): string {
  if (cell.answer === "not-applicable") return "Not applicable";
  if (cell.answer === "unanswered") return "";
  return stageById(cell.answer).name;
}

export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
