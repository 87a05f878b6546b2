import { AREAS, stageById, type AreaId } from "../../core/model/index.js";
import type { CompanyAssessment } from "../../circles/index.js";
import { scoreAssessment, type AssessmentResult } from "../../core/scoring/index.js";
import type { AreaCell } from "../shared/dashboard-types.js";

/**
 * What the dashboard and the CSV export show of a circle's results. Reading them (member
 * companies, assessments by cycle) is circles/results.ts's.
 */
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
