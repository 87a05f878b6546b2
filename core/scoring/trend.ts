import { AREAS } from "../model/areas.js";
import type { AreaId } from "../model/types.js";
import type { AssessmentResult } from "./assessment.js";
import type { CircleResult } from "./circle.js";
import { meanOf, roundScore } from "./stats.js";

export interface AreaTrend {
  area: AreaId;
  from: number | undefined;
  to: number | undefined;
  /** to - from, rounded; undefined unless both cycles have the area. */
  change: number | undefined;
  direction: "up" | "down" | "same" | "new" | "dropped";
}

export interface Trend {
  /** Model order; only areas present in at least one of the two cycles. */
  areas: AreaTrend[];
  /** Mean change over the areas present in both cycles (like for like), rounded; undefined when none are shared. */
  overallChange: number | undefined;
  /** Areas whose level went up, model order. */
  improved: AreaId[];
  /** Areas whose level went down, model order. */
  declined: AreaId[];
}

type Levels = Partial<Record<AreaId, number>>;

/**
 * Rule: an area in both cycles moves up, down or stays the same by its rounded change; one only in
 * the current cycle is "new"; one only in the previous cycle is "dropped".
 */
function areaTrend(area: AreaId, from: number | undefined, to: number | undefined): AreaTrend {
  if (from === undefined) return { area, from, to, change: undefined, direction: "new" };
  if (to === undefined) return { area, from, to, change: undefined, direction: "dropped" };
  const change = roundScore(to - from);
  const direction = change > 0 ? "up" : change < 0 ? "down" : "same";
  return { area, from, to, change, direction };
}

/** Compares two cycles' levels per area (levels, or circle medians — see levelsOf). */
export function trendBetween(previous: Levels, current: Levels): Trend {
  const areas = AREAS.filter(({ id }) => previous[id] !== undefined || current[id] !== undefined).map(({ id }) =>
    areaTrend(id, previous[id], current[id]),
  );
  const changes = areas.flatMap((trend) => (trend.change === undefined ? [] : [trend.change]));
  const meanChange = meanOf(changes);
  return {
    areas,
    overallChange: meanChange === undefined ? undefined : roundScore(meanChange),
    improved: areas.filter((trend) => trend.direction === "up").map((trend) => trend.area),
    declined: areas.filter((trend) => trend.direction === "down").map((trend) => trend.area),
  };
}

function isCircleResult(result: AssessmentResult | CircleResult): result is CircleResult {
  return "memberCount" in result;
}

/** The levels to compare across cycles: an assessment's area levels, or a circle's area medians. */
export function levelsOf(result: AssessmentResult | CircleResult): Levels {
  const pairs = isCircleResult(result)
    ? result.areas.map((aggregate) => [aggregate.area, aggregate.median] as const)
    : result.stages.map((areaStage) => [areaStage.area, areaStage.level] as const);
  return Object.fromEntries(pairs);
}
