/** Small numeric helpers shared by the scoring functions. Pure, no I/O. */
import { SCORE_DECIMALS } from "./thresholds.js";

/** Rounds a score to SCORE_DECIMALS decimals. */
export function roundScore(value: number): number {
  const factor = 10 ** SCORE_DECIMALS;
  return Math.round((value + Number.EPSILON) * factor) / factor;
}

/** The arithmetic mean, or undefined for no values. */
export function meanOf(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

/** The median; for an even count, the mean of the two middle values. Undefined for no values. */
export function medianOf(values: readonly number[]): number | undefined {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length / 2;
  const isEven = Number.isInteger(middle);
  const middleValues = isEven ? sorted.slice(middle - 1, middle + 1) : sorted.slice(Math.floor(middle), Math.floor(middle) + 1);
  return meanOf(middleValues);
}
