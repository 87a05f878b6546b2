/**
 * A circle's rhythms: when its meetings, agreement review and assessment cycles happen.
 * Plain data, so that it can be stored, shown on a card and checked without I/O.
 */

/** Index = JavaScript's getUTCDay() (Sunday = 0). */
export const WEEKDAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export const CADENCES = ["weekly", "monthly", "quarterly", "yearly"] as const;
export type Cadence = (typeof CADENCES)[number];

/**
 * What a circle keeps a rhythm for. The seed: meet your circle of trust in a rhythm (joint planning),
 * have your VP of Sales meet partners in a rhythm (executive), review the agreement every year,
 * and re-assess in cycles.
 */
export const RHYTHM_KINDS = ["joint-planning", "executive", "agreement-review", "assessment-cycle"] as const;
export type RhythmKind = (typeof RHYTHM_KINDS)[number];

/** "First", "second", … or "last" occurrence of a weekday in the period. */
export type WeekdayOrdinal = 1 | 2 | 3 | 4 | "last";

/**
 * Which day of the period the rhythm falls on.
 * - weekday: every <weekday> (weekly cadence only).
 * - nth-weekday: e.g. the first Tuesday of the month, the last Friday of the quarter.
 * - day-of-month: e.g. day 15; a day the month does not have (31 in April) becomes its last day.
 * `month` is the month within the period (1–3 in a quarter, 1–12 in a year). Without it a
 * counted weekday or a day is taken in the period's first month, and "last" in its last month.
 */
export type DayRule =
  | { kind: "weekday"; weekday: Weekday }
  | { kind: "nth-weekday"; nth: WeekdayOrdinal; weekday: Weekday; month?: number }
  | { kind: "day-of-month"; day: number; month?: number };

export interface Rhythm {
  /** One rhythm of each kind per circle; the kind is its id. */
  kind: RhythmKind;
  cadence: Cadence;
  day: DayRule;
  /** Local time of day, "HH:MM" (24-hour). */
  time: string;
  /** IANA time zone name, e.g. "Europe/Stockholm". */
  timeZone: string;
  /** A paused rhythm keeps its settings but sends nothing. */
  paused: boolean;
}

/** The calendar part of a rhythm: enough to compute its occurrences. */
export type RhythmSchedule = Pick<Rhythm, "cadence" | "day" | "time" | "timeZone">;

/**
 * The reminders one occurrence produces:
 * - meeting-reminder: before a joint-planning or executive meeting;
 * - review-notice / review-day: 30 days before the yearly agreement review, and on the day;
 * - assessment-invitation, then assessment-nudge-1 and -2 to members who have not answered yet,
 *   then assessment-result: the circle's result of the cycle, in its linked channel.
 */
export const REMINDER_STEPS = ["meeting-reminder", "review-notice", "review-day", "assessment-invitation", "assessment-nudge-1", "assessment-nudge-2", "assessment-result"] as const;
export type ReminderStep = (typeof REMINDER_STEPS)[number];

export interface PlannedReminder {
  step: ReminderStep;
  /** When the reminder is due. */
  due: Date;
  /** The meeting, review or cycle start it is about. */
  occurrence: Date;
}
