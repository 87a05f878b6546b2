/**
 * An assessment cycle is a calendar quarter ("2026-Q4"), in UTC. The label sorts in time order,
 * which is what storage keys and trends rely on.
 */
export function cycleOf(date: Date): string {
  const quarter = Math.floor(date.getUTCMonth() / 3) + 1;
  return `${date.getUTCFullYear()}-Q${quarter}`;
}

export function isCycleLabel(text: string): boolean {
  return /^\d{4}-Q[1-4]$/.test(text);
}

/** The cycle before this one: "2026-Q1" → "2025-Q4". */
export function previousCycle(cycle: string): string {
  const [year, quarter] = [Number(cycle.slice(0, 4)), Number(cycle.slice(6))];
  return quarter === 1 ? `${year - 1}-Q4` : `${year}-Q${quarter - 1}`;
}
