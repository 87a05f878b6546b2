/**
 * Wall-clock time in an IANA time zone, with nothing but Intl.DateTimeFormat.
 * Civil dates (year, month, day without a zone) are computed with UTC arithmetic, which has no DST.
 */

export interface CivilDate {
  year: number;
  /** 1–12. */
  month: number;
  day: number;
}

export interface LocalDateTime extends CivilDate {
  hour: number;
  minute: number;
}

const DAY_MS = 86_400_000;

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
    second: "numeric",
  });
}

/** True when the name is a time zone this runtime knows (e.g. "Europe/Stockholm"). */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return timeZone.trim() !== "";
  } catch {
    return false;
  }
}

/**
 * Wall-clock arithmetic in one time zone. Building an Intl.DateTimeFormat is the expensive part,
 * so a calendar builds one and every computation of a call reuses it.
 */
export interface ZonedCalendar {
  readonly timeZone: string;
  /** The wall-clock date and time of an instant. */
  localDateTimeOf(instant: Date): LocalDateTime & { second: number };
  /**
   * The instant a wall-clock time happens. Like Temporal's "compatible" choice: a time that
   * happens twice (clocks go back) is the first of the two; a time that does not exist (clocks go
   * forward) moves forward by the length of the gap, e.g. 02:30 becomes 03:30.
   */
  instantOf(local: LocalDateTime): Date;
}

export function calendarIn(timeZone: string): ZonedCalendar {
  const formatter = formatterFor(timeZone);
  const localDateTime = (instant: Date): LocalDateTime & { second: number } => {
    const parts = formatter.formatToParts(instant);
    const value = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((part) => part.type === type)?.value ?? Number.NaN);
    return { year: value("year"), month: value("month"), day: value("day"), hour: value("hour") % 24, minute: value("minute"), second: value("second") };
  };
  /** Milliseconds to add to an instant to get its wall-clock time read as UTC (e.g. +3,600,000 for CET). */
  const offsetAt = (epochMs: number): number => {
    const local = localDateTime(new Date(epochMs));
    const wallAsUtc = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second);
    return wallAsUtc - (epochMs - (((epochMs % 1000) + 1000) % 1000));
  };
  return {
    timeZone,
    localDateTimeOf: localDateTime,
    instantOf: (local) => {
      const wallAsUtc = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute);
      const offsetBefore = offsetAt(wallAsUtc - DAY_MS);
      const offsetAfter = offsetAt(wallAsUtc + DAY_MS);
      const matches = [...new Set([offsetBefore, offsetAfter])]
        .map((offset) => wallAsUtc - offset)
        .filter((candidate) => sameWallTime(localDateTime(new Date(candidate)), local))
        .sort((a, b) => a - b);
      return new Date(matches[0] ?? wallAsUtc - offsetBefore);
    },
  };
}

/** The wall-clock date and time of an instant in a time zone. */
export function localDateTimeOf(instant: Date, timeZone: string): LocalDateTime & { second: number } {
  return calendarIn(timeZone).localDateTimeOf(instant);
}

function sameWallTime(a: LocalDateTime, b: LocalDateTime): boolean {
  return a.year === b.year && a.month === b.month && a.day === b.day && a.hour === b.hour && a.minute === b.minute;
}

/** The instant a wall-clock time happens in a time zone (see ZonedCalendar.instantOf). */
export function instantOf(local: LocalDateTime, timeZone: string): Date {
  return calendarIn(timeZone).instantOf(local);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayIndexOf(date: CivilDate): number {
  return new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
}

export function addDays(date: CivilDate, days: number): CivilDate {
  const shifted = new Date(Date.UTC(date.year, date.month - 1, date.day) + days * DAY_MS);
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

/** The first day of the month `months` after (or before) the given month. */
export function addMonths(date: Pick<CivilDate, "year" | "month">, months: number): CivilDate {
  const index = date.year * 12 + (date.month - 1) + months;
  return { year: Math.floor(index / 12), month: (((index % 12) + 12) % 12) + 1, day: 1 };
}

/** The same wall-clock time `days` calendar days later in the zone (a day can be 23 or 25 hours). */
export function addLocalDays(instant: Date, days: number, timeZone: string): Date {
  const calendar = calendarIn(timeZone);
  const local = calendar.localDateTimeOf(instant);
  return calendar.instantOf({ ...addDays(local, days), hour: local.hour, minute: local.minute });
}

/** "2026-03-03" for a civil date. */
export function isoDateOf(date: CivilDate): string {
  return `${String(date.year).padStart(4, "0")}-${String(date.month).padStart(2, "0")}-${String(date.day).padStart(2, "0")}`;
}

/** Parses "YYYY-MM-DD"; undefined when it is not a real calendar date. */
export function parseIsoDate(text: string): CivilDate | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return { year, month, day };
}
