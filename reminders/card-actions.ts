import { z } from "zod";
import { CADENCES_BY_KIND, describeRhythm, RHYTHM_NAMES, RHYTHM_PHRASES, RhythmRuleError } from "../core/schedule/index.js";
import { rhythmFromPattern } from "../core/schedule/patterns.js";
import { CADENCES, REMINDER_STEPS, RHYTHM_KINDS, WEEKDAYS, type Rhythm, type RhythmKind, type WeekdayOrdinal } from "../core/schedule/types.js";
import type { Actor } from "../circles/identity.js";
import { markMeeting } from "../circles/meetings.js";
import { requireMember } from "../circles/membership.js";
import { wallClockText, type AdaptiveCardJson } from "../platform/card-elements.js";
import { formValuesOf, patternsFor, patternValue, rhythmDetailsCard, rhythmPatternCard, rhythmsCard, type RhythmFormValues, type RhythmPattern } from "./cards.js";
import type { ReminderContext } from "./context.js";
import { ReminderInputError } from "./errors.js";
import { snoozeReminder } from "./snooze.js";
import { rhythmPausedSentence, rhythmSavedSentence } from "./rhythm-sentences.js";
import { pauseRhythm, rhythmForForm, setRhythm, showRhythms } from "./rhythms.js";
import { INPUT_IDS, REMINDER_VERBS } from "./verbs.js";

/** Where the button was pressed (from the incoming activity, never from the card's data). */
export interface ActionSource {
  conversationId: string;
  /** The person's IANA time zone (Teams sends it as localTimezone); a default for new rhythms. */
  timeZone?: string;
}

/** What the bot shows after a button: a sentence, and sometimes a card (to send or to replace the old one with). */
export interface CardActionResult {
  message: string;
  card?: AdaptiveCardJson;
}

const tampered = "This button's data is damaged; please use a newer card.";
const id = z.string({ error: tampered }).trim().min(1, { error: tampered }).max(200, { error: tampered });
const rhythmKind = z.enum(RHYTHM_KINDS, { error: tampered });
const circleOnly = z.object({ circleId: id });
const rhythmRef = z.object({ circleId: id, rhythmKind });
const reminderRef = z.object({ circleId: id, rhythmKind, step: z.enum(REMINDER_STEPS, { error: tampered }), occurrence: z.iso.datetime({ error: tampered }) });
const optionalMonth = z.preprocess((value) => (value === "" || value === null ? undefined : value), z.coerce.number({ error: "The month must be a number." }).int({ error: "The month must be a whole number." }).optional());

const rhythmForm = z.object({
  circleId: id,
  rhythmKind,
  [INPUT_IDS.cadence]: z.enum(CADENCES, { error: "Choose how often: weekly, monthly, quarterly or yearly." }),
  [INPUT_IDS.dayRule]: z.enum(["weekday", "nth-weekday", "day-of-month"], { error: "Choose which day the rhythm falls on." }),
  [INPUT_IDS.nth]: z.enum(["1", "2", "3", "4", "last"], { error: "Choose first, second, third, fourth or last." }).default("1"),
  [INPUT_IDS.weekday]: z.enum(WEEKDAYS, { error: "Choose a weekday." }).default("tuesday"),
  [INPUT_IDS.day]: z.coerce.number({ error: "The day of the month must be a number from 1 to 31." }).int({ error: "The day of the month must be a whole number." }).default(1),
  [INPUT_IDS.month]: optionalMonth,
  [INPUT_IDS.time]: z.string({ error: "Choose a time of day." }).trim().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: "Choose a time of day, e.g. 09:00." }),
  [INPUT_IDS.timeZone]: z.string({ error: "Type a time zone, e.g. Europe/Stockholm." }).trim().min(1, { error: "Type a time zone, e.g. Europe/Stockholm." }).max(64),
});

function parse<T>(schema: z.ZodType<T>, data: unknown, context: ReminderContext, verb: string): T {
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  context.logger.warn({ verb, problems: parsed.error.issues.map((issue) => ({ path: issue.path.join("."), code: issue.code })) }, "card action refused: invalid input");
  throw new ReminderInputError(parsed.error.issues[0]?.message ?? tampered);
}

/** The pattern chosen in step 1 ("monthly|nth-weekday"), if it is one the rhythm's kind allows. */
function patternOf(kind: RhythmKind, value: unknown): RhythmPattern {
  const pattern = patternsFor(CADENCES_BY_KIND[kind]).find((candidate) => patternValue(candidate) === value);
  if (!pattern) throw new ReminderInputError("Choose how often the rhythm comes back.");
  return pattern;
}

/**
 * What the person typed, to put back into the form when one field is refused: only values of the
 * right shape and size are kept (the rest fall back to the stored rhythm's).
 */
function typedValues(data: unknown, stored: RhythmFormValues): RhythmFormValues {
  const record = typeof data === "object" && data !== null ? (data as Record<string, unknown>) : {};
  const text = (key: keyof RhythmFormValues, pattern: RegExp): string => {
    const value = record[INPUT_IDS[key]];
    return typeof value === "string" && pattern.test(value) ? value : typeof value === "number" && pattern.test(String(value)) ? String(value) : stored[key];
  };
  return {
    nth: text("nth", /^(1|2|3|4|last)$/),
    weekday: text("weekday", new RegExp(`^(${WEEKDAYS.join("|")})$`)),
    day: text("day", /^\d{1,2}$/),
    month: text("month", /^\d{0,2}$/),
    time: text("time", /^\d{2}:\d{2}$/),
    timeZone: text("timeZone", /^[\w+\-/]{1,64}$/),
  };
}

export function rhythmFromForm(form: z.infer<typeof rhythmForm>): Rhythm {
  const nth: WeekdayOrdinal = form.nth === "last" ? "last" : (Number(form.nth) as 1 | 2 | 3 | 4);
  return rhythmFromPattern(form.rhythmKind, { cadence: form.cadence, dayRule: form.dayRule }, { nth, weekday: form.weekday, day: form.day, month: form.month, time: form.time, timeZone: form.timeZone });
}

async function rhythmsOverviewCard(context: ReminderContext, actor: Actor, circleId: string, notice?: string): Promise<AdaptiveCardJson> {
  const [{ circle }, view] = await Promise.all([requireMember(context, actor, circleId, "see-reminders"), showRhythms(context, actor, circleId)]);
  return rhythmsCard({ circleId, name: circle.data.name }, view.overviews, view.missing, notice);
}

/** A refused field: the details step again, with everything the person typed and the sentence that says what to fix. Nothing is stored. */
async function refilledForm(context: ReminderContext, actor: Actor, data: unknown, where: ActionSource, kind: RhythmKind, problem: string): Promise<CardActionResult> {
  const record = data as Record<string, unknown>;
  const pattern = patternOf(kind, `${String(record[INPUT_IDS.cadence])}|${String(record[INPUT_IDS.dayRule])}`);
  const circleId = String(record.circleId);
  const [{ circle }, form] = await Promise.all([requireMember(context, actor, circleId, "change"), rhythmForForm(context, actor, circleId, kind, where.timeZone ?? "UTC")]);
  return { message: problem, card: rhythmDetailsCard({ circleId, name: circle.data.name }, kind, pattern, typedValues(data, formValuesOf(form.rhythm)), `${problem} Nothing was saved; the rest of what you chose is kept below.`) };
}

type Handler = (context: ReminderContext, actor: Actor, data: unknown, where: ActionSource) => Promise<CardActionResult>;

const HANDLERS: Record<string, Handler> = {
  [REMINDER_VERBS.snooze]: async (context, actor, data, where) => {
    const ref = parse(reminderRef, data, context, REMINDER_VERBS.snooze);
    const { due, timeZone, atMeetingStart } = await snoozeReminder(context, actor, ref, where);
    const when = `${wallClockText(due, timeZone)} (${timeZone})`;
    return { message: atMeetingStart ? `Snoozed: I'll remind you again when the meeting starts, on ${when}.` : `Snoozed: I'll remind you again on ${when}.` };
  },
  [REMINDER_VERBS.skip]: async (context, actor, data) => {
    const ref = parse(reminderRef, data, context, REMINDER_VERBS.skip);
    const meeting = await markMeeting(context, actor, ref, "cancelled");
    return { message: `Skipped: the ${meeting.title.toLowerCase()} is recorded as skipped, and I won't remind you of it again.` };
  },
  [REMINDER_VERBS.held]: async (context, actor, data) => {
    const ref = parse(reminderRef, data, context, REMINDER_VERBS.held);
    const meeting = await markMeeting(context, actor, ref, "held");
    return { message: `Recorded: the ${meeting.title.toLowerCase()} was held. Well done keeping the rhythm.` };
  },
  [REMINDER_VERBS.showRhythms]: async (context, actor, data) => {
    const { circleId } = parse(circleOnly, data, context, REMINDER_VERBS.showRhythms);
    return { message: "Here are the circle's rhythms.", card: await rhythmsOverviewCard(context, actor, circleId) };
  },
  [REMINDER_VERBS.editRhythm]: async (context, actor, data, where) => {
    const { circleId, rhythmKind: kind } = parse(rhythmRef, data, context, REMINDER_VERBS.editRhythm);
    const [{ circle }, form] = await Promise.all([requireMember(context, actor, circleId, "change"), rhythmForForm(context, actor, circleId, kind, where.timeZone ?? "UTC")]);
    return { message: `Set the ${RHYTHM_PHRASES[kind]}.`, card: rhythmPatternCard({ circleId, name: circle.data.name }, form.rhythm, form.cadences) };
  },
  [REMINDER_VERBS.rhythmPattern]: async (context, actor, data, where) => {
    const { circleId, rhythmKind: kind } = parse(rhythmRef, data, context, REMINDER_VERBS.rhythmPattern);
    const pattern = patternOf(kind, (data as Record<string, unknown>)[INPUT_IDS.pattern]);
    const [{ circle }, form] = await Promise.all([requireMember(context, actor, circleId, "change"), rhythmForForm(context, actor, circleId, kind, where.timeZone ?? "UTC")]);
    return { message: `Set the ${RHYTHM_PHRASES[kind]}.`, card: rhythmDetailsCard({ circleId, name: circle.data.name }, kind, pattern, formValuesOf(form.rhythm)) };
  },
  [REMINDER_VERBS.saveRhythm]: async (context, actor, data, where) => {
    const { circleId, rhythmKind: kind } = parse(rhythmRef, data, context, REMINDER_VERBS.saveRhythm);
    try {
      const form = parse(rhythmForm, data, context, REMINDER_VERBS.saveRhythm);
      const saved = await setRhythm(context, actor, form.circleId, rhythmFromForm(form));
      const first = saved.firstReminder ? ` First reminder: ${wallClockText(saved.firstReminder.due, saved.record.rhythm.timeZone)}.` : "";
      return { message: `Saved: ${RHYTHM_NAMES[saved.record.rhythm.kind]}, ${describeRhythm(saved.record.rhythm)}.${first}`, card: await rhythmsOverviewCard(context, actor, form.circleId, rhythmSavedSentence(saved)) };
    } catch (error) {
      if (!(error instanceof ReminderInputError || error instanceof RhythmRuleError)) throw error;
      return refilledForm(context, actor, data, where, kind, error.message);
    }
  },
  [REMINDER_VERBS.pauseRhythm]: (context, actor, data) => pauseOrResume(context, actor, data, true),
  [REMINDER_VERBS.resumeRhythm]: (context, actor, data) => pauseOrResume(context, actor, data, false),
};

async function pauseOrResume(context: ReminderContext, actor: Actor, data: unknown, paused: boolean): Promise<CardActionResult> {
  const verb = paused ? REMINDER_VERBS.pauseRhythm : REMINDER_VERBS.resumeRhythm;
  const { circleId, rhythmKind: kind } = parse(rhythmRef, data, context, verb);
  const saved = await pauseRhythm(context, actor, circleId, kind, paused);
  const message = rhythmPausedSentence(saved);
  return { message, card: await rhythmsOverviewCard(context, actor, circleId, message) };
}

/**
 * Answers a reminders card button. `data` is the action's data as received (verb included); it is
 * validated here, and on bad input nothing is stored and a ReminderInputError says what to fix.
 * Errors with a sentence for the person: userMessageOf(error).
 */
export async function handleReminderCardAction(context: ReminderContext, actor: Actor, data: unknown, where: ActionSource): Promise<CardActionResult> {
  const verb = typeof data === "object" && data !== null ? (data as { verb?: unknown }).verb : undefined;
  const handler = typeof verb === "string" ? HANDLERS[verb] : undefined;
  if (!handler) {
    context.logger.warn({ verb: typeof verb === "string" ? verb.slice(0, 40) : typeof verb }, "card action refused: unknown verb");
    throw new ReminderInputError("I don't know this button; it may be from an older version of the app.");
  }
  return handler(context, actor, data, where);
}
