import type { Cadence, DayRule, Rhythm, RhythmKind, Weekday, WeekdayOrdinal } from "./types.js";

/**
 * How a person sets a rhythm, in two steps, the same in the bot's card form and on the dashboard:
 * first a pattern (how often, and whether it falls on a weekday, a counted weekday or a date), then
 * only the fields that pattern needs. Pure; the rules a rhythm must keep are validateRhythm's.
 */

/** How often and on which kind of day, as one choice: the first step of setting a rhythm. */
export type RhythmPattern = { cadence: Cadence; dayRule: DayRule["kind"] };

const PERIOD_WORDS: Readonly<Record<Cadence, string>> = { weekly: "week", monthly: "month", quarterly: "quarter", yearly: "year" };

export const ORDINAL_CHOICES: readonly { title: string; value: string }[] = [
  { title: "First", value: "1" },
  { title: "Second", value: "2" },
  { title: "Third", value: "3" },
  { title: "Fourth", value: "4" },
  { title: "Last", value: "last" },
];

/** Monday first, as people read a week. */
export const WEEKDAY_CHOICES: readonly { title: string; value: Weekday }[] = (["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"] as const).map((day) => ({
  title: day.charAt(0).toUpperCase() + day.slice(1),
  value: day,
}));

export function patternValue(pattern: RhythmPattern): string {
  return `${pattern.cadence}|${pattern.dayRule}`;
}

/** The patterns a kind's cadences allow: a weekly rhythm falls on a weekday, the others on a counted weekday or a date. */
export function patternsFor(cadences: readonly Cadence[]): RhythmPattern[] {
  return cadences.flatMap((cadence): RhythmPattern[] => (cadence === "weekly" ? [{ cadence, dayRule: "weekday" }] : [{ cadence, dayRule: "nth-weekday" }, { cadence, dayRule: "day-of-month" }]));
}

export function patternTitle({ cadence, dayRule }: RhythmPattern): string {
  const period = PERIOD_WORDS[cadence];
  if (dayRule === "weekday") return `Every ${period}, on a weekday`;
  if (dayRule === "nth-weekday") return `Every ${period}, on its first, second, … or last weekday`;
  return `Every ${period}, on a day of the month`;
}

export function patternOfRhythm(rhythm: Pick<Rhythm, "cadence" | "day">): RhythmPattern {
  return { cadence: rhythm.cadence, dayRule: rhythm.day.kind };
}

/** Which fields step 2 shows for a pattern; time of day and time zone are always asked. */
export interface PatternFields {
  nth: boolean;
  weekday: boolean;
  day: boolean;
  /** The optional month within a quarter or a year, with its label and largest value. */
  month: { label: string; max: number } | undefined;
}

export function fieldsOf(pattern: RhythmPattern): PatternFields {
  const withinPeriod = pattern.cadence === "quarterly" || pattern.cadence === "yearly";
  return {
    nth: pattern.dayRule === "nth-weekday",
    weekday: pattern.dayRule !== "day-of-month",
    day: pattern.dayRule === "day-of-month",
    month:
      withinPeriod && pattern.dayRule !== "weekday"
        ? pattern.cadence === "quarterly"
          ? { label: "Which month of the quarter (1–3, optional)", max: 3 }
          : { label: "Which month of the year (1–12, optional)", max: 12 }
        : undefined,
  };
}

export const DAY_OF_MONTH_LABEL = "Day of the month (31 = the last day)";

/** What the details step shows in its inputs: the stored rhythm, or what the person typed when a field was refused. */
export interface RhythmFormValues {
  nth: string;
  weekday: string;
  day: string;
  month: string;
  time: string;
  timeZone: string;
}

export function formValuesOf(rhythm: Rhythm): RhythmFormValues {
  const day = rhythm.day;
  return {
    nth: day.kind === "nth-weekday" ? String(day.nth) : "1",
    weekday: day.kind === "day-of-month" ? "tuesday" : day.weekday,
    day: day.kind === "day-of-month" ? String(day.day) : "1",
    month: day.kind !== "weekday" && day.month !== undefined ? String(day.month) : "",
    time: rhythm.time,
    timeZone: rhythm.timeZone,
  };
}

/** Step 2's answers, already of the right types; the fields the pattern does not ask are ignored. */
export interface PatternAnswers {
  nth: WeekdayOrdinal;
  weekday: Weekday;
  day: number;
  month: number | undefined;
  time: string;
  timeZone: string;
}

/** The rhythm a two-step form describes (not yet validated: validateRhythm says what is wrong). */
export function rhythmFromPattern(kind: RhythmKind, pattern: RhythmPattern, answers: PatternAnswers): Rhythm {
  return { kind, cadence: pattern.cadence, day: dayRuleOf(pattern, answers), time: answers.time, timeZone: answers.timeZone, paused: false };
}

function dayRuleOf(pattern: RhythmPattern, answers: PatternAnswers): DayRule {
  const month = answers.month === undefined || !fieldsOf(pattern).month ? {} : { month: answers.month };
  if (pattern.cadence === "weekly" || pattern.dayRule === "weekday") return { kind: "weekday", weekday: answers.weekday };
  if (pattern.dayRule === "nth-weekday") return { kind: "nth-weekday", nth: answers.nth, weekday: answers.weekday, ...month };
  return { kind: "day-of-month", day: answers.day, ...month };
}
