import { AREAS, areaById, isAreaId } from "../model/areas.js";
import { isStageId, levelOf, stageByLevel } from "../model/stages.js";
import { NOT_APPLICABLE, type Answers, type AreaAnswer, type AreaId, type StageId } from "../model/types.js";
import { meanOf, roundScore } from "./stats.js";
import {
  MOST_AREAS_SHARE,
  MOST_AREAS_TARGET_STAGE,
  STAGE_FLOOR_EPSILON,
  WEAKEST_AREA_COUNT,
} from "./thresholds.js";

export interface AreaStage {
  area: AreaId;
  stage: StageId;
  level: number;
}

export interface OverallMaturity {
  /** Mean level of the applicable, answered areas, rounded to SCORE_DECIMALS (2) decimals. */
  score: number;
  /** overallStageFor(score). */
  stage: StageId;
}

export interface WeakArea {
  area: AreaId;
  stage: StageId;
  nextSteps: readonly string[];
}

export interface AssessmentResult {
  /** Applicable, answered areas in model order. */
  stages: AreaStage[];
  /** Areas that do not count: not applicable to this company, or answered "not applicable" where allowed. */
  notApplicable: AreaId[];
  /** Applicable areas with no answer yet. */
  unanswered: AreaId[];
  /** True when no applicable area is unanswered. */
  complete: boolean;
  /** Undefined when no area counts. */
  overall: OverallMaturity | undefined;
  /** Up to WEAKEST_AREA_COUNT lowest areas below Dynamic; ties broken by model order. */
  weakest: WeakArea[];
  /** Proactive or higher in more than half of the applicable areas (see MOST_AREAS_SHARE). */
  proactiveInMostAreas: boolean;
}

/** Thrown when an answer names an unknown area or stage, or says "not applicable" where the area always applies. */
export class InvalidAnswerError extends Error {
  override readonly name = "InvalidAnswerError";

  constructor(
    readonly area: string,
    readonly value: unknown,
    reason: string,
  ) {
    super(`Invalid answer for area "${area}": ${reason}`);
  }
}

/**
 * Rule: an area with applicability "all" always counts; an area for formal vendor programs
 * (Readiness and certifications) counts only when the company runs one.
 */
export function isApplicable(area: AreaId, formalVendorProgram: boolean): boolean {
  const { applicability } = areaById(area);
  return applicability === "all" || formalVendorProgram;
}

/** Rule: see STAGE_FLOOR_EPSILON — floor of the score (with a small epsilon), clamped to Basic…Dynamic. */
export function overallStageFor(score: number): StageId {
  if (Number.isNaN(score)) throw new RangeError("A score must be a number");
  const level = Math.min(4, Math.max(1, Math.floor(score + STAGE_FLOOR_EPSILON)));
  return stageByLevel(level).id;
}

/**
 * Rule: overall maturity is the mean of the given levels, rounded to 2 decimals; its stage is taken
 * from the rounded score so the number and the stage shown never disagree. Undefined for no levels.
 */
export function overallMaturityOf(levels: readonly number[]): OverallMaturity | undefined {
  const mean = meanOf(levels);
  if (mean === undefined) return undefined;
  const score = roundScore(mean);
  return { score, stage: overallStageFor(score) };
}

function validateAnswer(area: string, value: unknown): void {
  if (!isAreaId(area)) throw new InvalidAnswerError(area, value, "unknown area");
  if (value === undefined || isStageId(value)) return;
  if (value !== NOT_APPLICABLE) throw new InvalidAnswerError(area, value, `unknown stage ${JSON.stringify(value)}`);
  if (areaById(area).applicability === "all") {
    throw new InvalidAnswerError(area, value, `"${areaById(area).name}" applies to every company and cannot be answered "not applicable"`);
  }
}

/** Throws InvalidAnswerError for the first invalid answer. A key holding undefined counts as unanswered. */
export function validateAnswers(answers: Answers): void {
  for (const [area, value] of Object.entries(answers)) validateAnswer(area, value);
}

type AreaOutcome = { kind: "not-applicable" } | { kind: "unanswered" } | { kind: "answered"; stage: StageId };

/** Rule: an area that does not apply, or is answered "not applicable" where allowed, does not count. */
function outcomeFor(area: AreaId, answer: AreaAnswer | undefined, formalVendorProgram: boolean): AreaOutcome {
  if (!isApplicable(area, formalVendorProgram) || answer === NOT_APPLICABLE) return { kind: "not-applicable" };
  if (answer === undefined) return { kind: "unanswered" };
  return { kind: "answered", stage: answer };
}

/**
 * Rule: areas already Dynamic have no next steps, so they are never weak. The rest are ranked by
 * level, lowest first, ties in model order (the input is already in model order and the sort is stable).
 */
function weakestOf(stages: readonly AreaStage[]): WeakArea[] {
  return stages
    .filter((areaStage) => areaStage.stage !== "dynamic")
    .sort((a, b) => a.level - b.level)
    .slice(0, WEAKEST_AREA_COUNT)
    .map(({ area, stage }) => ({ area, stage, nextSteps: nextStepsFor(area, stage) }));
}

/** The area's next steps from a stage; none from Dynamic. */
export function nextStepsFor(area: AreaId, stage: StageId): readonly string[] {
  return stage === "dynamic" ? [] : areaById(area).nextSteps[stage];
}

/** Rule: see MOST_AREAS_SHARE — strictly more than half of the applicable areas at Proactive or higher. */
function reachesTargetInMostAreas(stages: readonly AreaStage[], applicableCount: number): boolean {
  const targetLevel = levelOf(MOST_AREAS_TARGET_STAGE);
  const atTarget = stages.filter((areaStage) => areaStage.level >= targetLevel).length;
  return applicableCount > 0 && atTarget > applicableCount * MOST_AREAS_SHARE;
}

/** Scores one company's answers. Throws InvalidAnswerError before scoring if any answer is invalid. */
export function scoreAssessment(answers: Answers, context: { formalVendorProgram: boolean }): AssessmentResult {
  validateAnswers(answers);
  const stages: AreaStage[] = [];
  const notApplicable: AreaId[] = [];
  const unanswered: AreaId[] = [];
  for (const { id } of AREAS) {
    const outcome = outcomeFor(id, answers[id], context.formalVendorProgram);
    if (outcome.kind === "not-applicable") notApplicable.push(id);
    else if (outcome.kind === "unanswered") unanswered.push(id);
    else stages.push({ area: id, stage: outcome.stage, level: levelOf(outcome.stage) });
  }
  return {
    stages,
    notApplicable,
    unanswered,
    complete: unanswered.length === 0,
    overall: overallMaturityOf(stages.map((areaStage) => areaStage.level)),
    weakest: weakestOf(stages),
    proactiveInMostAreas: reachesTargetInMostAreas(stages, stages.length + unanswered.length),
  };
}
