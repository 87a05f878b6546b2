export * from "./types.js";
export { addLocalDays, calendarIn, instantOf, isValidTimeZone, isoDateOf, localDateTimeOf, parseIsoDate, type CivilDate, type LocalDateTime, type ZonedCalendar } from "./zoned-time.js";
export { nextOccurrence, occurrencesBetween, parseTimeOfDay } from "./occurrences.js";
export {
  CADENCES_BY_KIND,
  RHYTHM_NAMES,
  RHYTHM_PHRASES,
  RhythmRuleError,
  defaultRhythm,
  describeDay,
  describeRhythm,
  isMeetingKind,
  isRhythmKind,
  ladderVerdictOf,
  validateRhythm,
} from "./rhythm.js";
export { ANNOUNCING_STEPS, REMINDER_RULES, firstReminderAfter, reminderAfter, remindersFor, stalenessOf, type Staleness } from "./plan.js";
