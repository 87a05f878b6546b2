/** Time is passed in, never read from a global, so tests can move through weeks in milliseconds. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that only moves when told to (tests, benchmarks). */
export function manualClock(start: Date): Clock & { set(date: Date): void; advance(milliseconds: number): void } {
  let current = new Date(start);
  return {
    now: () => new Date(current),
    set: (date) => (current = new Date(date)),
    advance: (milliseconds) => (current = new Date(current.getTime() + milliseconds)),
  };
}
