import { MEETING_LADDER } from "../model/areas.js";
import { MONTHS_PER_PERIOD } from "./occurrences.js";
import { CADENCES, RHYTHM_KINDS, WEEKDAYS, type Cadence, type DayRule, type Rhythm, type RhythmKind, type WeekdayOrdinal } from "./types.js";
import { isValidTimeZone } from "./zoned-time.js";

/** A rhythm that cannot be kept as given; the message is a sentence for the person who set it. */
export class RhythmRuleError extends Error {
  override readonly name = "RhythmRuleError";
}

/** The cadences each kind allows: the seed's meeting ladder for meetings, yearly for the agreement review. */
export const CADENCES_BY_KIND: Readonly<Record<RhythmKind, readonly Cadence[]>> = {
  "joint-planning": MEETING_LADDER.map((rung) => rung.cadence),
  executive: MEETING_LADDER.map((rung) => rung.cadence),
  "agreement-review": ["yearly"],
  "assessment-cycle": ["monthly", "quarterly", "yearly"],
};

export const RHYTHM_NAMES: Readonly<Record<RhythmKind, string>> = {
  "joint-planning": "Joint planning meeting",
  executive: "Executive meeting (VP of Sales)",
  "agreement-review": "Yearly agreement review",
  "assessment-cycle": "Assessment cycle",
};

/** The same, inside a sentence: "Set the VP of Sales meeting", "no joint planning meeting reminders". */
export const RHYTHM_PHRASES: Readonly<Record<RhythmKind, string>> = {
  "joint-planning": "joint planning meeting",
  executive: "VP of Sales meeting",
  "agreement-review": "yearly agreement review",
  "assessment-cycle": "assessment cycle",
};

/** Kinds that are meetings: they get "held / skipped" records and meeting reminders. */
export function isMeetingKind(kind: RhythmKind): boolean {
  return kind !== "assessment-cycle";
}

export function isRhythmKind(value: unknown): value is RhythmKind {
  return typeof value === "string" && (RHYTHM_KINDS as readonly string[]).includes(value);
}

/** A sensible starting point for each kind, in the given time zone. */
export function defaultRhythm(kind: RhythmKind, timeZone: string): Rhythm {
  const defaults: Record<RhythmKind, Pick<Rhythm, "cadence" | "day" | "time">> = {
    "joint-planning": { cadence: "monthly", day: { kind: "nth-weekday", nth: 1, weekday: "tuesday" }, time: "09:00" },
    executive: { cadence: "quarterly", day: { kind: "nth-weekday", nth: 2, weekday: "thursday" }, time: "10:00" },
    "agreement-review": { cadence: "yearly", day: { kind: "day-of-month", day: 15, month: 1 }, time: "10:00" },
    "assessment-cycle": { cadence: "quarterly", day: { kind: "day-of-month", day: 1 }, time: "09:00" },
  };
  return { kind, ...defaults[kind], timeZone, paused: false };
}

/** Throws RhythmRuleError with a sentence a person understands when the rhythm cannot be kept. */
export function validateRhythm(rhythm: Rhythm): Rhythm {
  if (!isRhythmKind(rhythm.kind)) throw new RhythmRuleError(`"${String(rhythm.kind)}" is not a rhythm I know; choose ${wordList(RHYTHM_KINDS, "or")}.`);
  const allowed = CADENCES_BY_KIND[rhythm.kind];
  if (!(CADENCES as readonly string[]).includes(rhythm.cadence) || !allowed.includes(rhythm.cadence)) {
    const inOrder = CADENCES.filter((cadence) => allowed.includes(cadence));
    throw new RhythmRuleError(`A ${RHYTHM_PHRASES[rhythm.kind]} can be ${wordList(inOrder, "or")}; "${String(rhythm.cadence)}" is not one of them.`);
  }
  if (!/^([01]\d|2[0-3]):([0-5]\d)$/.test(rhythm.time)) throw new RhythmRuleError(`"${rhythm.time}" is not a time of day; write it as HH:MM, e.g. 09:00.`);
  if (!isValidTimeZone(rhythm.timeZone)) throw new RhythmRuleError(`"${rhythm.timeZone}" is not a time zone I know; use a name like Europe/Stockholm or America/Los_Angeles.`);
  validateDayRule(rhythm.cadence, rhythm.day);
  return rhythm;
}

function validateDayRule(cadence: Cadence, rule: DayRule): void {
  if (!hasKnownWeekday(rule)) throw new RhythmRuleError(`"${"weekday" in rule ? String(rule.weekday) : ""}" is not a day of the week.`);
  if (cadence === "weekly") {
    if (rule.kind !== "weekday") throw new RhythmRuleError("A weekly rhythm needs a day of the week, e.g. every Tuesday.");
    return;
  }
  if (rule.kind === "weekday") throw new RhythmRuleError(`A ${cadence} rhythm needs a day in the ${periodWord(cadence)}, e.g. the first Tuesday or day 15.`);
  if (rule.kind === "day-of-month" && !(Number.isInteger(rule.day) && rule.day >= 1 && rule.day <= 31)) {
    throw new RhythmRuleError("The day of the month must be a whole number from 1 to 31 (31 means the last day in shorter months).");
  }
  if (rule.kind === "nth-weekday" && !([1, 2, 3, 4, "last"] as WeekdayOrdinal[]).includes(rule.nth)) {
    throw new RhythmRuleError("Choose the first, second, third, fourth or last weekday of the period.");
  }
  const months = MONTHS_PER_PERIOD[cadence];
  if (rule.month !== undefined && !(Number.isInteger(rule.month) && rule.month >= 1 && rule.month <= months)) {
    throw new RhythmRuleError(cadence === "monthly" ? "A monthly rhythm cannot name a month." : `The month must be from 1 to ${months} within the ${periodWord(cadence)}.`);
  }
}

/** "a, b or c". */
export function wordList(words: readonly string[], conjunction: "and" | "or"): string {
  return words.length <= 1 ? (words[0] ?? "") : `${words.slice(0, -1).join(", ")} ${conjunction} ${words[words.length - 1]}`;
}

function hasKnownWeekday(rule: DayRule): boolean {
  return rule.kind === "day-of-month" || (WEEKDAYS as readonly string[]).includes(rule.weekday);
}

function periodWord(cadence: Exclude<Cadence, "weekly">): string {
  return { monthly: "month", quarterly: "quarter", yearly: "year" }[cadence];
}

const ORDINALS: Record<string, string> = { "1": "first", "2": "second", "3": "third", "4": "fourth", last: "last" };
const MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

function capitalised(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

function ordinalDay(day: number): string {
  const suffix = day % 10 === 1 && day !== 11 ? "st" : day % 10 === 2 && day !== 12 ? "nd" : day % 10 === 3 && day !== 13 ? "rd" : "th";
  return `${day}${suffix}`;
}

/** "every Tuesday", "the first Tuesday of every month", "every year on 15 January", … */
export function describeDay(cadence: Cadence, rule: DayRule): string {
  if (rule.kind === "weekday") return `every ${capitalised(rule.weekday)}`;
  if (cadence === "weekly") return "every week";
  const period = periodWord(cadence);
  if (cadence === "yearly" && rule.month !== undefined) {
    const month = MONTH_NAMES[rule.month - 1] ?? "";
    return rule.kind === "day-of-month" ? `every year on ${rule.day} ${month}` : `the ${ORDINALS[String(rule.nth)]} ${capitalised(rule.weekday)} of ${month} every year`;
  }
  const inMonth = rule.month !== undefined && cadence === "quarterly" ? ` in month ${rule.month} of the quarter` : "";
  if (rule.kind === "nth-weekday") return `the ${ORDINALS[String(rule.nth)]} ${capitalised(rule.weekday)} of every ${period}${inMonth}`;
  const clamp = rule.day > 28 ? " (or the last day of a shorter month)" : "";
  return `the ${ordinalDay(rule.day)} of every ${period}${inMonth}${clamp}`;
}

/** "the first Tuesday of every month at 09:00 (Europe/Stockholm)". */
export function describeRhythm(rhythm: Rhythm): string {
  return `${describeDay(rhythm.cadence, rhythm.day)} at ${rhythm.time} (${rhythm.timeZone})${rhythm.paused ? ", paused" : ""}`;
}

/** The seed's verdict on a meeting cadence: "monthly is great". Undefined for cadences not on the ladder. */
export function ladderVerdictOf(cadence: Cadence): string | undefined {
  const rung = MEETING_LADDER.find((candidate) => candidate.cadence === cadence);
  return rung ? `${capitalised(rung.cadence)} is ${rung.verdict}` : undefined;
}
