import { AREAS } from "../model/areas.js";
import { stageByLevel } from "../model/stages.js";
import type { Answers, AreaId, StageId } from "../model/types.js";
import {
  nextStepsFor,
  overallMaturityOf,
  overallStageFor,
  scoreAssessment,
  type AssessmentResult,
  type OverallMaturity,
  type WeakArea,
} from "./assessment.js";
import { medianOf } from "./stats.js";
import { WEAKEST_AREA_COUNT } from "./thresholds.js";

export interface MemberAssessment {
  companyId: string;
  answers: Answers;
  formalVendorProgram: boolean;
}

export interface CircleAreaAggregate {
  area: AreaId;
  /** How many members' answers count for this area. */
  companies: number;
  /** Median level; for an even count, the mean of the two middle levels. */
  median: number;
  /** overallStageFor(median): 2.5 is still Reactive. */
  medianStage: StageId;
  lowest: StageId;
  highest: StageId;
  /** Highest level minus lowest level. */
  spread: number;
}

export interface CircleResult {
  /** Number of member assessments given, whether or not any of their answers count. */
  memberCount: number;
  /** Model order, only areas with at least one counted answer. */
  areas: CircleAreaAggregate[];
  /** Mean of the area medians, rounded; stage by overallStageFor. Undefined when no area has answers. */
  overall: OverallMaturity | undefined;
  /** Lowest medians first; ties go to the larger spread, then model order. Areas with a Dynamic median are never weak. */
  weakest: WeakArea[];
}

function levelsFor(area: AreaId, results: readonly AssessmentResult[]): number[] {
  return results.flatMap((result) => result.stages.filter((areaStage) => areaStage.area === area).map((areaStage) => areaStage.level));
}

function aggregateArea(area: AreaId, levels: readonly number[]): CircleAreaAggregate | undefined {
  const median = medianOf(levels);
  if (median === undefined) return undefined;
  const lowest = Math.min(...levels);
  const highest = Math.max(...levels);
  return {
    area,
    companies: levels.length,
    median,
    medianStage: overallStageFor(median),
    lowest: stageByLevel(lowest).id,
    highest: stageByLevel(highest).id,
    spread: highest - lowest,
  };
}

/**
 * Rule: rank by median, lowest first; on a tie the area where members disagree most (larger spread)
 * comes first, then model order (stable sort over model-ordered input). An area whose median stage
 * is Dynamic has no next steps and is left out. Next steps are those of the median stage.
 */
function weakestOf(areas: readonly CircleAreaAggregate[]): WeakArea[] {
  return areas
    .filter((aggregate) => aggregate.medianStage !== "dynamic")
    .sort((a, b) => a.median - b.median || b.spread - a.spread)
    .slice(0, WEAKEST_AREA_COUNT)
    .map(({ area, medianStage }) => ({ area, stage: medianStage, nextSteps: nextStepsFor(area, medianStage) }));
}

/**
 * Aggregates a circle of trust. Each member's answers are scored on their own (so Readiness and
 * certifications counts only for members with a formal vendor program). Throws InvalidAnswerError
 * if any member's answers are invalid.
 */
export function scoreCircle(members: readonly MemberAssessment[]): CircleResult {
  const results = members.map((member) => scoreAssessment(member.answers, { formalVendorProgram: member.formalVendorProgram }));
  const areas = AREAS.map(({ id }) => aggregateArea(id, levelsFor(id, results))).filter(
    (aggregate): aggregate is CircleAreaAggregate => aggregate !== undefined,
  );
  return {
    memberCount: members.length,
    areas,
    overall: overallMaturityOf(areas.map((aggregate) => aggregate.median)),
    weakest: weakestOf(areas),
  };
}
