import { AREAS, areaById } from "../core/model/index.js";
import type { ActionRecord, CompanyRef } from "../storage/records.js";
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

/** The form that turns a weak area into a joint action with an owner company and a due date. */
export function gapToActionCard(circle: CircleRef, weakest: readonly Pick<AgendaArea, "area" | "areaName">[], members: readonly CompanyRef[], source: ActionRecord["source"]): AdaptiveCardJson {
  const areas = weakest.length > 0 ? weakest.map((area) => ({ title: area.areaName, value: area.area })) : AREAS.map((area) => ({ title: area.name, value: area.id }));
  return adaptiveCard(
    [
      choiceSet(CIRCLE_INPUT_IDS.area, "Which gap?", areas, areas[0]?.value),
      choiceSet(CIRCLE_INPUT_IDS.owner, "Owner company", members.map((member) => ({ title: member.companyName, value: member.companyId })), members[0]?.companyId),
      { type: "Input.Date", id: CIRCLE_INPUT_IDS.dueBy, label: "Due by" },
      textInput(CIRCLE_INPUT_IDS.title, "What will be done (optional)", { placeholder: "Leave empty to use the model's next step", maxLength: TEXT_RULES.action.max }),
    ],
    [executeAction("Create action", CIRCLE_VERBS.createAction, { circleId: circle.circleId, source }, { inputs: "auto", primary: true })],
  );
}

/** Open actions with "Mark done". */
export function actionsCard(circle: CircleRef, actions: readonly ActionRecord[], today: string, notice?: string): AdaptiveCardJson {
  return adaptiveCard([
    notice ? { type: "Container", style: "emphasis", items: [paragraph(notice)] } : undefined,
    heading(`Open actions of ${circle.name}`),
    actions.length === 0 ? paragraph("No open actions.") : undefined,
    ...actions.map((action) =>
      container(
        [
          paragraph(`**${areaById(action.area).name}**: ${actionLine(action, today)}`),
          actionSet([executeAction("Mark done", CIRCLE_VERBS.completeAction, { circleId: circle.circleId, actionId: action.actionId })]),
        ],
        { separator: true },
      ),
    ),
  ]);
}
