import { areaById, NOT_APPLICABLE, STAGES, type AreaId } from "../../core/model/index.js";
import type { DraftRecord } from "../../storage/index.js";
import { answeredCount, positionOf, previousArea, runDataOf } from "../conversation/drafts.js";
import { INPUT_IDS } from "./actions.js";
import { adaptiveCard, button, heading, notice, paragraph, progress, type AdaptiveCard, type CardElement } from "./elements.js";

export interface AreaCardOptions {
  draft: DraftRecord;
  area: AreaId;
  /** Changing one answer from the summary: the card returns to the summary. */
  edit?: boolean;
  notice?: string;
  /** Shown when an assessment is resumed: starting over is always an explicit choice. */
  offerStartOver?: boolean;
}

/** One area: why it matters, its four stage sentences to choose from, and the person's progress. */
export function areaCard(options: AreaCardOptions): AdaptiveCard {
  const { draft, area: areaId } = options;
  const area = areaById(areaId);
  const { position, total } = positionOf(draft, areaId);
  const run = runDataOf(draft);
  const isLast = position === total;
  const back = previousArea(draft, areaId);
  return adaptiveCard(
    [
      notice(options.notice),
      draft.kind === "partner" ? paragraph(`Rating ${draft.subject.companyName}`, { subtle: true }) : undefined,
      ...progress(position, total, answeredCount(draft)),
      heading(area.name),
      paragraph(area.why, { subtle: true, spacing: "Small" }),
      stageChoices(options),
    ],
    [
      button(options.edit ? "Save change" : isLast ? "See results" : "Next", { verb: "answer", ...run, area: areaId, ...(options.edit ? { edit: true } : {}) }, { style: "positive" }),
      options.edit
        ? button("Back to summary", { verb: "summary", ...run }, { associatedInputs: "none" })
        : back
          ? button("Back", { verb: "back", ...run, area: areaId }, { associatedInputs: "none" })
          : undefined,
      // The sentence picked on this card goes along, so that it is saved too (the stage input is not required for that reason).
      options.edit ? undefined : button("Save for later", { verb: "later", ...run, area: areaId }, { associatedInputs: "auto" }),
      options.offerStartOver ? button("Start over", { verb: "startOver", ...run }, { associatedInputs: "none" }) : undefined,
    ],
  );
}

function stageChoices({ draft, area: areaId }: AreaCardOptions): CardElement {
  const area = areaById(areaId);
  const choices: { title: string; value: string }[] = STAGES.map((stage) => ({ title: `${stage.name}: ${area.stages[stage.id]}`, value: stage.id }));
  if (area.applicability !== "all") choices.push({ title: "This does not apply to us", value: NOT_APPLICABLE });
  const current = draft.answers[areaId];
  const question = draft.kind === "partner" ? `Which sentence best describes how ${draft.subject.companyName} partners with your company?` : "Which sentence best describes your company?";
  return {
    type: "Input.ChoiceSet",
    id: INPUT_IDS.stage,
    label: question,
    style: "expanded",
    wrap: true,
    choices,
    ...(current ? { value: current } : {}),
  };
}
