/**
 * The verbs on the reminders' card buttons (Action.Execute `verb`, also in `data.verb` for the
 * Action.Submit fallback) and the ids of their inputs. The bot routes these verbs to
 * handleReminderCardAction (card-actions.ts); circle buttons have theirs in circles/verbs.ts.
 */
export const REMINDER_VERBS = {
  snooze: "reminder.snooze",
  skip: "reminder.skip",
  held: "reminder.held",
  showRhythms: "rhythms.show",
  editRhythm: "rhythm.edit",
  rhythmPattern: "rhythm.pattern",
  saveRhythm: "rhythm.save",
  pauseRhythm: "rhythm.pause",
  resumeRhythm: "rhythm.resume",
} as const;

export type ReminderVerb = (typeof REMINDER_VERBS)[keyof typeof REMINDER_VERBS];

export function isReminderVerb(verb: unknown): verb is ReminderVerb {
  return typeof verb === "string" && (Object.values(REMINDER_VERBS) as string[]).includes(verb);
}

/** The bot's own verb for "start an assessment" (bot/cards/actions.ts), used on invitations and nudges. */
export const ASSESS_NOW_DATA = { verb: "command", command: "assess" } as const;

export const INPUT_IDS = {
  pattern: "pattern",
  cadence: "cadence",
  dayRule: "dayRule",
  nth: "nth",
  weekday: "weekday",
  day: "day",
  month: "month",
  time: "time",
  timeZone: "timeZone",
} as const;
