import { describeRhythm, ladderVerdictOf, RHYTHM_NAMES, RHYTHM_PHRASES, isMeetingKind } from "../core/schedule/index.js";
import type { Cadence, DayRule, ReminderStep, Rhythm, RhythmKind } from "../core/schedule/types.js";
import { REMINDER_RULES } from "../core/schedule/plan.js";
import { DAY_OF_MONTH_LABEL, fieldsOf, ORDINAL_CHOICES, patternsFor, patternTitle, patternValue, WEEKDAY_CHOICES, type RhythmFormValues, type RhythmPattern } from "../core/schedule/patterns.js";
import type { ActionRecord, CompanyRef } from "../storage/records.js";
import type { Agenda, AgendaArea, MeetingTally } from "../circles/agenda.js";
import { actionBlock, gapToActionCard, type ActionView, type CircleRef } from "../circles/cards.js";
import {
  actionSet,
  adaptiveCard,
  bulletList,
  choiceSet,
  container,
  executeAction,
  facts,
  heading,
  paragraph,
  readerLocalTime,
  showCard,
  subheading,
  textInput,
  wallClockText,
  type AdaptiveCardJson,
  type CardAction,
  type CardElement,
} from "../platform/card-elements.js";
import { ASSESS_NOW_DATA, INPUT_IDS, REMINDER_VERBS } from "./verbs.js";

/** Which reminder a button belongs to; carried in its data. */
export interface ReminderRef {
  circleId: string;
  rhythmKind: RhythmKind;
  step: ReminderStep;
  /** ISO start of the meeting / review / cycle. */
  occurrence: string;
}

export type Audience = "channel" | "personal";

export interface MeetingReminderInput {
  circle: CircleRef;
  rhythm: Rhythm;
  step: ReminderStep;
  occurrence: Date;
  agenda: Agenda;
  members: readonly CompanyRef[];
  audience: Audience;
  /** What a press on this card just did, shown on top of the card it replaces. */
  notice?: string;
}

function whenFacts(occurrence: Date, timeZone: string, tally?: MeetingTally, cadenceVerdict?: string): CardElement {
  return facts([
    { title: "When", value: `${wallClockText(occurrence, timeZone)} (${timeZone})` },
    { title: "Your time", value: readerLocalTime(occurrence) },
    ...(cadenceVerdict ? [{ title: "Rhythm", value: cadenceVerdict }] : []),
    ...(tally ? [{ title: "Meetings held", value: `${tally.held} of ${tally.planned} planned${tally.skipped ? ` (${tally.skipped} skipped)` : ""}` }] : []),
  ]);
}

function meetingHeading(rhythm: Rhythm, step: ReminderStep): string {
  if (step === "review-notice") return `${RHYTHM_NAMES[rhythm.kind]} in ${REMINDER_RULES.reviewNoticeDaysBefore} days`;
  if (step === "review-day") return `${RHYTHM_NAMES[rhythm.kind]} today`;
  return `${RHYTHM_NAMES[rhythm.kind]} coming up`;
}

/** Each weak area with the circle's median stage and the model's next steps (meeting reminders, the cycle result). */
export function weakAreaLines(weakest: readonly AgendaArea[]): CardElement[] {
  return weakest.flatMap((area) => [
    { type: "TextBlock", text: `**${area.areaName}** (circle median: ${area.stageName})`, wrap: true, spacing: "Small" },
    bulletList(area.nextSteps),
  ]);
}

function agendaElements(agenda: Agenda): CardElement[] {
  if (agenda.weakest.length === 0) {
    const why = agenda.assessedCompanies === 0 ? "No member has assessed yet, so there are no weak areas to discuss. Ask each member to assess first." : "Every area is at Dynamic: keep reviewing how you partner.";
    return [subheading("Agenda"), paragraph(why)];
  }
  return [subheading("Agenda: the circle's weakest areas"), ...weakAreaLines(agenda.weakest)];
}

function openActionElements(circle: CircleRef, actions: readonly ActionRecord[], today: string, view: ActionView): CardElement[] {
  if (actions.length === 0) return [subheading("Open actions"), paragraph("No open actions. Turn a gap into an action below.", { subtle: true })];
  return [subheading(`Open actions (${actions.length})`), ...actions.map((action) => actionBlock(circle, action, today, view))];
}

function reminderButtons(ref: ReminderRef): CardAction[] {
  return [
    executeAction("Snooze 1 day", REMINDER_VERBS.snooze, { ...ref }),
    executeAction("Skip this one", REMINDER_VERBS.skip, { ...ref }),
    executeAction("We held this meeting", REMINDER_VERBS.held, { ...ref }, { primary: true }),
  ];
}

/** Before a meeting (and for the agreement review): when, the agenda from the weakest areas, open actions, and the buttons. */
export function meetingReminderCard(input: MeetingReminderInput, today: string): AdaptiveCardJson {
  const { circle, rhythm, step, occurrence, agenda } = input;
  const ref: ReminderRef = { circleId: circle.circleId, rhythmKind: rhythm.kind, step, occurrence: occurrence.toISOString() };
  const verdict = rhythm.kind === "agreement-review" ? "The seed: review the agreement every year" : ladderVerdictOf(rhythm.cadence);
  const view: ActionView = { kind: "reminder", rhythmKind: rhythm.kind, step, occurrence: ref.occurrence, audience: input.audience };
  return adaptiveCard(
    [
      input.notice ? container([paragraph(input.notice)], { style: "emphasis" }) : undefined,
      heading(meetingHeading(rhythm, step)),
      paragraph(circle.name, { subtle: true }),
      whenFacts(occurrence, rhythm.timeZone, agenda.meetings, verdict),
      ...agendaElements(agenda),
      ...openActionElements(circle, agenda.openActions, today, view),
      input.audience === "personal" ? paragraph("You get this in your personal chat because you asked for reminders here.", { subtle: true }) : undefined,
    ],
    [...reminderButtons(ref), showCard("Turn a gap into an action", gapToActionCard(circle, agenda.weakest, input.members, "reminder", view))],
  );
}

export interface AssessmentReminderInput {
  circle: CircleRef;
  rhythm: Rhythm;
  step: ReminderStep;
  cycleStart: Date;
  /** Member companies that have not assessed in this cycle yet (nudges only). */
  pending: readonly CompanyRef[];
  audience: Audience;
}

function nudgeNumber(step: ReminderStep): number {
  return step === "assessment-nudge-2" ? 2 : 1;
}

/** At the start of an assessment cycle: an invitation; during it, a nudge naming only who has not answered. */
export function assessmentReminderCard(input: AssessmentReminderInput): AdaptiveCardJson {
  const { circle, step, cycleStart, pending } = input;
  const started = `${wallClockText(cycleStart, input.rhythm.timeZone)} (${input.rhythm.timeZone})`;
  const body =
    step === "assessment-invitation"
      ? [
          heading("Time to re-assess"),
          paragraph(circle.name, { subtle: true }),
          paragraph(`A new assessment cycle started on ${started}. Each member company assesses itself again; the circle's next meeting agenda is built from the answers.`),
        ]
      : [
          heading(`Reminder ${nudgeNumber(step)} of 2: assessment still open`),
          paragraph(circle.name, { subtle: true }),
          input.audience === "personal"
            ? paragraph(`Your company has not assessed yet in the cycle that started on ${started}.`)
            : paragraph(`Still waiting for: ${pending.map((company) => company.companyName).join(", ")}.`),
        ];
  return adaptiveCard(body, [{ type: "Action.Execute", title: "Assess now", verb: ASSESS_NOW_DATA.verb, data: { ...ASSESS_NOW_DATA }, style: "positive", fallback: { type: "Action.Submit", title: "Assess now", data: { ...ASSESS_NOW_DATA } } }]);
}

/** One line a notification shows for a reminder. */
export function reminderSummary(circleName: string, rhythm: Rhythm, step: ReminderStep, occurrence: Date): string {
  if (step === "assessment-invitation") return `${circleName}: time to re-assess`;
  if (step.startsWith("assessment-nudge")) return `${circleName}: your assessment is still open`;
  if (step === "assessment-result") return `${circleName}: the result of the assessment cycle`;
  return `${circleName}: ${RHYTHM_NAMES[rhythm.kind]} on ${wallClockText(occurrence, rhythm.timeZone)}`;
}

export interface RhythmOverview {
  rhythm: Rhythm;
  nextOccurrence: Date | undefined;
  meetings: MeetingTally | undefined;
}

function rhythmBlock(circle: CircleRef, overview: RhythmOverview): CardElement {
  const { rhythm } = overview;
  const data = { circleId: circle.circleId, rhythmKind: rhythm.kind };
  const verdict = isMeetingKind(rhythm.kind) ? ladderVerdictOf(rhythm.cadence) : undefined;
  return container(
    [
      subheading(RHYTHM_NAMES[rhythm.kind]),
      paragraph(describeRhythm(rhythm)),
      facts([
        ...(overview.nextOccurrence && !rhythm.paused ? [{ title: "Next", value: `${wallClockText(overview.nextOccurrence, rhythm.timeZone)}` }] : []),
        ...(verdict ? [{ title: "Rhythm", value: verdict }] : []),
        ...(overview.meetings ? [{ title: "Held", value: `${overview.meetings.held} of ${overview.meetings.planned} planned` }] : []),
      ]),
      actionSet([
        executeAction("Change", REMINDER_VERBS.editRhythm, data),
        rhythm.paused ? executeAction("Resume", REMINDER_VERBS.resumeRhythm, data) : executeAction("Pause", REMINDER_VERBS.pauseRhythm, data),
      ]),
    ],
    { separator: true },
  );
}

/** "Show rhythms": each rhythm in words, its next date, held vs planned, and Change / Pause / Resume. */
export function rhythmsCard(circle: CircleRef, overviews: readonly RhythmOverview[], missing: readonly RhythmKind[], notice?: string): AdaptiveCardJson {
  return adaptiveCard(
    [
      notice ? container([paragraph(notice)], { style: "emphasis" }) : undefined,
      heading(`Rhythms of ${circle.name}`),
      overviews.length === 0 ? paragraph("No rhythms yet. The seed: quarterly is good, monthly is great, weekly is nirvana.") : undefined,
      ...overviews.map((overview) => rhythmBlock(circle, overview)),
    ],
    missing.map((kind) => executeAction(`Set the ${RHYTHM_PHRASES[kind]}`, REMINDER_VERBS.editRhythm, { circleId: circle.circleId, rhythmKind: kind })),
  );
}

export { formValuesOf, patternsFor, patternValue, type RhythmFormValues, type RhythmPattern } from "../core/schedule/patterns.js";

/** Step 1 of setting a rhythm: how often, and whether it falls on a weekday or a date. */
export function rhythmPatternCard(circle: CircleRef, rhythm: Rhythm, cadences: readonly Cadence[]): AdaptiveCardJson {
  const patterns = patternsFor(cadences);
  const current = patternValue({ cadence: rhythm.cadence, dayRule: rhythm.day.kind });
  return adaptiveCard(
    [
      heading(`Set the ${RHYTHM_PHRASES[rhythm.kind]}`),
      paragraph(`${circle.name} · step 1 of 2`, { subtle: true }),
      isMeetingKind(rhythm.kind) ? paragraph("The seed: quarterly is good, monthly is great, weekly is nirvana.", { subtle: true }) : undefined,
      choiceSet(INPUT_IDS.pattern, "How often", patterns.map((pattern) => ({ title: patternTitle(pattern), value: patternValue(pattern) })), patterns.some((pattern) => patternValue(pattern) === current) ? current : patterns[0] && patternValue(patterns[0])),
    ],
    [
      executeAction("Next", REMINDER_VERBS.rhythmPattern, { circleId: circle.circleId, rhythmKind: rhythm.kind }, { inputs: "auto", primary: true }),
      executeAction("Back to the rhythms", REMINDER_VERBS.showRhythms, { circleId: circle.circleId }),
    ],
  );
}

/** Step 2: only the fields the chosen pattern needs, then Save. `notice` says what to fix when a field was refused. */
export function rhythmDetailsCard(circle: CircleRef, kind: RhythmKind, pattern: RhythmPattern, values: RhythmFormValues, notice?: string): AdaptiveCardJson {
  const fields = fieldsOf(pattern);
  return adaptiveCard(
    [
      notice ? container([paragraph(notice)], { style: "attention" }) : undefined,
      heading(`Set the ${RHYTHM_PHRASES[kind]}`),
      paragraph(`${circle.name} · step 2 of 2 · ${patternTitle(pattern)}`, { subtle: true }),
      fields.nth ? choiceSet(INPUT_IDS.nth, "Which one", [...ORDINAL_CHOICES], values.nth) : undefined,
      fields.day ? { type: "Input.Number", id: INPUT_IDS.day, label: DAY_OF_MONTH_LABEL, min: 1, max: 31, value: Number(values.day) || 1 } : undefined,
      fields.weekday ? choiceSet(INPUT_IDS.weekday, "Weekday", [...WEEKDAY_CHOICES], values.weekday) : undefined,
      fields.month ? { type: "Input.Number", id: INPUT_IDS.month, label: fields.month.label, min: 1, max: fields.month.max, ...(values.month ? { value: Number(values.month) } : {}) } : undefined,
      { type: "Input.Time", id: INPUT_IDS.time, label: "Time of day", value: values.time },
      textInput(INPUT_IDS.timeZone, "Time zone (IANA name)", { value: values.timeZone, placeholder: "Europe/Stockholm", maxLength: 64 }),
    ],
    [
      executeAction("Save rhythm", REMINDER_VERBS.saveRhythm, { circleId: circle.circleId, rhythmKind: kind, cadence: pattern.cadence, dayRule: pattern.dayRule }, { inputs: "auto", primary: true }),
      executeAction("Back", REMINDER_VERBS.editRhythm, { circleId: circle.circleId, rhythmKind: kind }),
    ],
  );
}
