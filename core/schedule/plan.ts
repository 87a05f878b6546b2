import { nextOccurrence, occurrenceOn } from "./occurrences.js";
import type { PlannedReminder, ReminderStep, Rhythm, RhythmSchedule } from "./types.js";
import { addDays, calendarIn, type ZonedCalendar } from "./zoned-time.js";

/** Every reminder rule in one place. Days are calendar days in the rhythm's time zone, at the rhythm's time of day. */
export const REMINDER_RULES = {
  /** A meeting reminder comes this many days before the meeting. */
  meetingReminderDaysBefore: 1,
  /** The agreement review is announced this many days ahead, and again on the day. */
  reviewNoticeDaysBefore: 30,
  /** Nudges to members who have not assessed yet, this many days after the cycle starts (at most two per cycle). */
  nudgeDaysAfterCycleStart: [7, 14] as const,
  /** The cycle closes with the circle's result in its linked channel, this many days after it starts (a week after the last nudge). */
  cycleResultDaysAfterCycleStart: 21,
  /** "Snooze 1 day". */
  snoozeDays: 1,
  /** A meeting reminder is still worth sending this long after the meeting's start (e.g. a snoozed one). */
  meetingReminderGraceMs: 2 * 60 * 60 * 1000,
} as const;

/** Steps sent before the occurrence they announce; they lose their point once it is over. */
export const ANNOUNCING_STEPS: readonly ReminderStep[] = ["meeting-reminder", "review-notice"];

function atDaysFrom(calendar: ZonedCalendar, rhythm: RhythmSchedule, occurrence: Date, days: number): Date {
  const date = addDays(calendar.localDateTimeOf(occurrence), days);
  return occurrenceOn(calendar, rhythm, date);
}

/** The reminders one occurrence produces, in due order. */
export function remindersFor(rhythm: Pick<Rhythm, "kind"> & RhythmSchedule, occurrence: Date, calendar: ZonedCalendar = calendarIn(rhythm.timeZone)): PlannedReminder[] {
  const at = (step: ReminderStep, days: number): PlannedReminder => ({ step, occurrence, due: days === 0 ? occurrence : atDaysFrom(calendar, rhythm, occurrence, days) });
  switch (rhythm.kind) {
    case "joint-planning":
    case "executive":
      return [at("meeting-reminder", -REMINDER_RULES.meetingReminderDaysBefore)];
    case "agreement-review":
      return [at("review-notice", -REMINDER_RULES.reviewNoticeDaysBefore), at("review-day", 0)];
    case "assessment-cycle": {
      const [first, second] = REMINDER_RULES.nudgeDaysAfterCycleStart;
      return [at("assessment-invitation", 0), at("assessment-nudge-1", first), at("assessment-nudge-2", second), at("assessment-result", REMINDER_RULES.cycleResultDaysAfterCycleStart)];
    }
  }
}

/**
 * The first reminder to schedule when a rhythm is set or resumed at `now`: the earliest one due
 * after now, of an occurrence after now. Reminders whose time has already passed are not sent late.
 */
export function firstReminderAfter(rhythm: Pick<Rhythm, "kind"> & RhythmSchedule, now: Date): PlannedReminder {
  const calendar = calendarIn(rhythm.timeZone);
  let occurrence = nextOccurrence(rhythm, now, calendar);
  for (;;) {
    const upcoming = remindersFor(rhythm, occurrence, calendar).find((reminder) => reminder.due > now);
    if (upcoming) return upcoming;
    occurrence = nextOccurrence(rhythm, occurrence, calendar);
  }
}

/** The reminder that follows `current` in the rhythm's chain: the next step of the same occurrence, else the next occurrence's first. */
export function reminderAfter(rhythm: Pick<Rhythm, "kind"> & RhythmSchedule, current: Pick<PlannedReminder, "step" | "occurrence">): PlannedReminder {
  const calendar = calendarIn(rhythm.timeZone);
  const steps = remindersFor(rhythm, current.occurrence, calendar);
  const index = steps.findIndex((reminder) => reminder.step === current.step);
  const sameOccurrence = steps[index + 1];
  if (index >= 0 && sameOccurrence) return sameOccurrence;
  const next = remindersFor(rhythm, nextOccurrence(rhythm, current.occurrence, calendar), calendar)[0];
  if (!next) throw new RangeError(`A ${rhythm.kind} rhythm plans no reminders`);
  return next;
}

export type Staleness = "current" | "over" | "superseded";

/**
 * Whether a reminder processed at `now` is still worth sending. After a pause in the dispatcher
 * (a restart, an outage), "over": it announces something that started more than the grace period ago;
 * "superseded": the next reminder of the same occurrence is already due, so only that one goes out.
 */
export function stalenessOf(rhythm: Pick<Rhythm, "kind"> & RhythmSchedule, reminder: Pick<PlannedReminder, "step" | "occurrence">, now: Date): Staleness {
  if (ANNOUNCING_STEPS.includes(reminder.step) && now.getTime() > reminder.occurrence.getTime() + REMINDER_RULES.meetingReminderGraceMs) return "over";
  const steps = remindersFor(rhythm, reminder.occurrence);
  const index = steps.findIndex((candidate) => candidate.step === reminder.step);
  const following = steps[index + 1];
  return index >= 0 && following && following.due <= now ? "superseded" : "current";
}
