import type { DayRule, RhythmSchedule } from "./types.js";
import { WEEKDAYS } from "./types.js";
import { addDays, addMonths, calendarIn, daysInMonth, weekdayIndexOf, type CivilDate, type ZonedCalendar } from "./zoned-time.js";

/** Months in one period of a cadence (weekly has no month-based period). */
export const MONTHS_PER_PERIOD = { monthly: 1, quarterly: 3, yearly: 12 } as const;

/** More than enough periods to find the next occurrence: every period holds exactly one. */
const PERIODS_TO_SEARCH = 4;

export function parseTimeOfDay(time: string): { hour: number; minute: number } {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  if (!match) throw new RangeError(`Not a time of day: ${time}`);
  return { hour: Number(match[1]), minute: Number(match[2]) };
}

/**
 * The first occurrence strictly after `after`. A 09:00 meeting stays at 09:00 local time across
 * daylight-saving changes; see instantOf for times that do not exist or happen twice that day.
 */
export function nextOccurrence(rhythm: RhythmSchedule, after: Date, calendar: ZonedCalendar = calendarIn(rhythm.timeZone)): Date {
  const today = calendar.localDateTimeOf(after);
  const found = rhythm.cadence === "weekly" ? nextWeekly(calendar, rhythm, today, after) : nextInPeriods(calendar, rhythm, MONTHS_PER_PERIOD[rhythm.cadence], today, after);
  if (!found) throw new RangeError(`No occurrence found for the rhythm after ${after.toISOString()}`);
  return found;
}

/** Every occurrence in [from, to), in order. */
export function occurrencesBetween(rhythm: RhythmSchedule, from: Date, to: Date): Date[] {
  const calendar = calendarIn(rhythm.timeZone);
  const occurrences: Date[] = [];
  for (let next = nextOccurrence(rhythm, new Date(from.getTime() - 1), calendar); next < to; next = nextOccurrence(rhythm, next, calendar)) occurrences.push(next);
  return occurrences;
}

/** The wall-clock start of an occurrence on a civil date. */
export function occurrenceOn(calendar: ZonedCalendar, rhythm: RhythmSchedule, date: CivilDate): Date {
  return calendar.instantOf({ ...date, ...parseTimeOfDay(rhythm.time) });
}

function nextWeekly(calendar: ZonedCalendar, rhythm: RhythmSchedule, today: CivilDate, after: Date): Date | undefined {
  if (rhythm.day.kind !== "weekday") throw new RangeError("A weekly rhythm needs a weekday rule");
  const weekday = WEEKDAYS.indexOf(rhythm.day.weekday);
  // From yesterday: around a fall-back fold, a time on the previous local day can still lie ahead.
  for (let offset = -1; offset <= 8; offset += 1) {
    const date = addDays(today, offset);
    if (weekdayIndexOf(date) !== weekday) continue;
    const candidate = occurrenceOn(calendar, rhythm, date);
    if (candidate > after) return candidate;
  }
  return undefined;
}

function nextInPeriods(calendar: ZonedCalendar, rhythm: RhythmSchedule, months: number, today: CivilDate, after: Date): Date | undefined {
  const periodStart = addMonths({ year: today.year, month: today.month - ((today.month - 1) % months) }, 0);
  for (let period = -1; period < PERIODS_TO_SEARCH; period += 1) {
    const candidate = occurrenceOn(calendar, rhythm, dateInPeriod(rhythm.day, addMonths(periodStart, period * months), months));
    if (candidate > after) return candidate;
  }
  return undefined;
}

/** The day a rule picks in the period that starts on `periodStart` and lasts `months` months. */
export function dateInPeriod(rule: DayRule, periodStart: CivilDate, months: number): CivilDate {
  switch (rule.kind) {
    case "weekday":
      throw new RangeError("A weekday rule repeats every week; it has no single day in a month");
    case "day-of-month": {
      const month = addMonths(periodStart, (rule.month ?? 1) - 1);
      return { ...month, day: Math.min(rule.day, daysInMonth(month.year, month.month)) };
    }
    case "nth-weekday": {
      const defaultMonth = rule.nth === "last" ? months : 1;
      const month = addMonths(periodStart, (rule.month ?? defaultMonth) - 1);
      return nthWeekdayOf(month, rule.nth, WEEKDAYS.indexOf(rule.weekday));
    }
  }
}

function nthWeekdayOf(month: CivilDate, nth: 1 | 2 | 3 | 4 | "last", weekday: number): CivilDate {
  if (nth === "last") {
    const lastDay = { ...month, day: daysInMonth(month.year, month.month) };
    return addDays(lastDay, -((weekdayIndexOf(lastDay) - weekday + 7) % 7));
  }
  const first = { ...month, day: 1 };
  return addDays(first, ((weekday - weekdayIndexOf(first) + 7) % 7) + 7 * (nth - 1));
}
