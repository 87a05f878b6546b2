import { AREAS, stageById, type AreaId } from "../../core/model/index.js";
import { scoreAssessment, validateAnswers, type AssessmentResult, type MemberAssessment } from "../../core/scoring/index.js";
import type { CircleSnapshot } from "../../storage/repositories/circles.js";
import type { AssessmentRecord, MemberRecord } from "../../storage/records.js";
import type { AreaCell } from "../shared/dashboard-types.js";

/**
 * Reading a circle's partition the way the dashboard and the CSV export both need it: current
 * member companies, their usable assessments in cycle order, and the latest one per key.
 */

export interface CircleAssessments {
  /** Companies whose status is "member", by name. */
  members: MemberRecord[];
  /** Self-assessments of members, oldest cycle first. */
  selfAssessments: AssessmentRecord[];
  /** Each member's latest rating of each other member. */
  latestPartnerRatings: AssessmentRecord[];
  /** Of those, assessments that cannot be scored (unknown area or stage): left out, counted for the log. */
  unreadable: number;
}

export function memberCompanies(snapshot: CircleSnapshot): MemberRecord[] {
  return snapshot.members
    .map((row) => row.data)
    .filter((member) => member.status === "member")
    .sort((a, b) => a.company.companyName.localeCompare(b.company.companyName, "en"));
}

export function isSelfAssessment(assessment: AssessmentRecord): boolean {
  return assessment.rater.companyId === assessment.subject.companyId;
}

function isScorable(assessment: AssessmentRecord): boolean {
  try {
    validateAnswers(assessment.answers);
    return true;
  } catch {
    return false;
  }
}

/**
 * The snapshot holds assessments in row-key order, which is cycle order. Only the assessments the
 * dashboard uses are checked: older partner ratings are replaced by newer ones anyway.
 */
export function circleAssessments(snapshot: CircleSnapshot): CircleAssessments {
  const members = memberCompanies(snapshot);
  const memberIds = new Set(members.map((member) => member.company.companyId));
  const ofMembers = snapshot.assessments
    .map((row) => row.data)
    .filter((assessment) => memberIds.has(assessment.rater.companyId) && memberIds.has(assessment.subject.companyId));
  const selfAssessments = ofMembers.filter(isSelfAssessment);
  const latestPartnerRatings = [...latestBy(ofMembers.filter((assessment) => !isSelfAssessment(assessment)), byRaterAndSubject).values()];
  const usable = { selfAssessments: selfAssessments.filter(isScorable), latestPartnerRatings: latestPartnerRatings.filter(isScorable) };
  const unreadable = selfAssessments.length + latestPartnerRatings.length - usable.selfAssessments.length - usable.latestPartnerRatings.length;
  return { members, ...usable, unreadable };
}

/** The last assessment per key, from a list in cycle order. */
export function latestBy(assessments: readonly AssessmentRecord[], keyOf: (assessment: AssessmentRecord) => string): Map<string, AssessmentRecord> {
  const latest = new Map<string, AssessmentRecord>();
  for (const assessment of assessments) latest.set(keyOf(assessment), assessment);
  return latest;
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

export const bySubject = (assessment: AssessmentRecord): string => assessment.subject.companyId;
/** Rater and subject as one key. Company ids never hold control characters (cleanCompanyName), so NUL keeps them apart. */
export const byRaterAndSubject = (assessment: AssessmentRecord): string => `${assessment.rater.companyId}\u0000${assessment.subject.companyId}`;

export function asMemberAssessment(assessment: AssessmentRecord): MemberAssessment {
  return { companyId: assessment.subject.companyId, answers: assessment.answers, formalVendorProgram: assessment.formalVendorProgram };
}

export function scored(assessment: AssessmentRecord): AssessmentResult {
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
