import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";

/** One measured figure; later benchmarks append their own to the same file. */
export interface BenchFigure {
  name: string;
  value: number;
  unit: string;
  /** What "good" means for this figure, in words (e.g. "≤ 1.3× raw read"). */
  goal: string;
}

export const RESULTS_FILE = path.resolve("bench/results/latest.json");

/** Replaces figures of the same name and keeps the others, so each benchmark can be run alone. */
export async function recordFigures(figures: readonly BenchFigure[]): Promise<void> {
  const existing = await readFigures();
  const names = new Set(figures.map((figure) => figure.name));
  const merged = [...existing.filter((figure) => !names.has(figure.name)), ...figures];
  await mkdir(path.dirname(RESULTS_FILE), { recursive: true });
  await writeFile(RESULTS_FILE, JSON.stringify(merged, null, 2) + "\n");
}

async function readFigures(): Promise<BenchFigure[]> {
  try {
    return JSON.parse(await readFile(RESULTS_FILE, "utf8")) as BenchFigure[];
  } catch {
    return [];
  }
}

export function printFigures(title: string, figures: readonly BenchFigure[]): void {
  process.stdout.write(`\n${title}\n`);
  for (const figure of figures) process.stdout.write(`  ${figure.name}: ${figure.value} ${figure.unit}  (goal: ${figure.goal})\n`);
}

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] as number;
}
