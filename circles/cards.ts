import { AREAS, areaById } from "../core/model/index.js";
import type { ActionRecord, CompanyRef } from "../storage/records.js";
import type { ReminderStep, RhythmKind } from "../core/schedule/types.js";
import {
  actionSet,
  adaptiveCard,
  calendarDateText,
  choiceSet,
  container,
  executeAction,
  heading,
  paragraph,
  textInput,
  type AdaptiveCardJson,
  type CardAction,
  type CardElement,
} from "../platform/card-elements.js";
import { TEXT_RULES } from "../core/text.js";
import type { AgendaArea } from "./agenda.js";
import { CIRCLE_INPUT_IDS, CIRCLE_VERBS } from "./verbs.js";

/** Cards about a circle's joint actions, shown by the bot and inside meeting reminders. */
export interface CircleRef {
  circleId: string;
  name: string;
}

export function actionLine(action: ActionRecord, today: string): string {
  const overdue = action.dueBy < today ? " — **overdue**" : "";
  return `${action.title} — ${action.owner.companyName}, due ${calendarDateText(action.dueBy)}${overdue}`;
}

/**
 * Which card a circle button was pressed on, so that its answer replaces it with the same card
 * brought up to date: the circles overview, the open actions, or the meeting reminder it came from.
 */
export type ActionView = { kind: "circles" } | { kind: "actions" } | { kind: "reminder"; rhythmKind: RhythmKind; step: ReminderStep; occurrence: string; audience: "channel" | "personal" };

/** The form that turns a weak area into a joint action with an owner company and a due date. */
export function gapToActionCard(circle: CircleRef, weakest: readonly Pick<AgendaArea, "area" | "areaName">[], members: readonly CompanyRef[], source: ActionRecord["source"], view: ActionView = { kind: "actions" }): AdaptiveCardJson {
  const areas = weakest.length > 0 ? weakest.map((area) => ({ title: area.areaName, value: area.area })) : AREAS.map((area) => ({ title: area.name, value: area.id }));
  return adaptiveCard(
    [
      heading(`Turn a gap into a joint action`),
      paragraph(`${circle.name} · the circle's weakest areas first; an action has an owner company and a due date.`, { subtle: true }),
      choiceSet(CIRCLE_INPUT_IDS.area, "Which gap?", areas, areas[0]?.value),
      choiceSet(CIRCLE_INPUT_IDS.owner, "Owner company", members.map((member) => ({ title: member.companyName, value: member.companyId })), members[0]?.companyId),
      { type: "Input.Date", id: CIRCLE_INPUT_IDS.dueBy, label: "Due by" },
      textInput(CIRCLE_INPUT_IDS.title, "What will be done (optional)", { placeholder: "Empty: the model's next step", maxLength: TEXT_RULES.action.max }),
    ],
    [executeAction("Create action", CIRCLE_VERBS.createAction, { circleId: circle.circleId, source, view }, { inputs: "auto", primary: true })],
  );
}

/** One open action with its "Mark done" button; the answer replaces the card it is on (`view`). */
export function actionBlock(circle: CircleRef, action: ActionRecord, today: string, view: ActionView): CardElement {
  return container(
    [
      paragraph(`**${areaById(action.area).name}**: ${actionLine(action, today)}`),
      actionSet([executeAction("Mark done", CIRCLE_VERBS.completeAction, { circleId: circle.circleId, actionId: action.actionId, view })]),
    ],
    { separator: true },
  );
}

/** Open actions with "Mark done", and "Add an action". */
export function actionsCard(circle: CircleRef, actions: readonly ActionRecord[], today: string, notice?: string): AdaptiveCardJson {
  return adaptiveCard(
    [
      notice ? container([paragraph(notice)], { style: "emphasis" }) : undefined,
      heading(`Open actions of ${circle.name}`),
      actions.length === 0 ? paragraph("No open actions. Add one: the circle's weakest areas come first.") : undefined,
      ...actions.map((action) => actionBlock(circle, action, today, { kind: "actions" })),
    ],
    [addActionButton(circle, { kind: "actions" })],
  );
}

export function addActionButton(circle: CircleRef, view: ActionView): CardAction {
  return executeAction("Add an action", CIRCLE_VERBS.actionForm, { circleId: circle.circleId, view });
}
