import { AREAS } from "../../core/model/index.js";
import { TEXT_RULES } from "../../core/text.js";
import type { CompanyRef } from "../../storage/index.js";
import { INPUT_IDS, type DraftRef } from "./actions.js";
import { adaptiveCard, button, heading, notice, paragraph, type AdaptiveCard, type CardElement } from "./elements.js";

export interface CompanyCardOptions {
  /** The person the card is for. */
  for: string;
  draft: DraftRef;
  /** The partner being rated (partner assessments only). */
  subject?: CompanyRef;
  /** A partner outside every circle of the person's company: the rating stays with the person. */
  subjectOutsideCircles?: boolean;
  /** The person's company, once their organisation has named it; until then the card asks them to name it. */
  company?: CompanyRef;
  vendorProgram?: boolean;
  /** The run this card replaces, when the person has an assessment already (finished, or being started over). */
  previousRun?: string;
  restart?: boolean;
  notice?: string;
}

/** The first card of an assessment: who answers for which company, and whether area 10 applies. */
export function companyCard(options: CompanyCardOptions): AdaptiveCard {
  const about = options.subject?.companyName;
  return adaptiveCard(
    [
      notice(options.notice),
      heading(about ? `Rate ${about}` : "Assess your company"),
      paragraph(
        about
          ? `For each area, pick the sentence that best describes how ${about} partners with your company. Only you see your answers and the verdict.`
          : "For each area, pick the sentence that best describes your company. Every answer is saved as you go.",
        { subtle: true },
      ),
      options.company ? paragraph(`You answer for **${options.company.companyName}**, your organisation in Microsoft 365.${options.draft.kind === "self" ? " Colleagues who answer too are counted with you." : ""}`) : companyNameInput(),
      options.subjectOutsideCircles ? paragraph(`${about ?? "This company"} is not in any of your company's circles, so this rating stays with you: it is not shared with any circle.`, { subtle: true }) : undefined,
      vendorProgramToggle(about, options.vendorProgram),
    ],
    [
      button(options.restart ? "Start over" : "Start", startData(options), { style: options.restart ? "destructive" : "positive" }),
      options.restart && options.previousRun ? button("Keep my answers", { verb: "resume", ...options.draft, for: options.for, run: options.previousRun }, { associatedInputs: "none" }) : undefined,
    ],
  );
}

function startData(options: CompanyCardOptions) {
  return {
    verb: "start" as const,
    for: options.for,
    ...options.draft,
    ...(options.subject ? { subjectName: options.subject.companyName } : {}),
    ...(options.previousRun ? { run: options.previousRun } : {}),
    ...(options.restart ? { restart: true } : {}),
  };
}

/** The first person of an organisation names its company; its people may rename it later ("company <name>"). */
function companyNameInput(): CardElement {
  return {
    type: "Input.Text",
    id: INPUT_IDS.company,
    label: "Your company's name (you are the first of your organisation here, so you name it)",
    placeholder: "e.g. Fabrikam",
    maxLength: TEXT_RULES.company.max,
    isRequired: true,
    errorMessage: "Type your company's name.",
  };
}

/** Which area depends on a formal vendor program comes from the model, not from this card. */
function vendorProgramToggle(subjectName: string | undefined, value: boolean | undefined): CardElement {
  const areas = AREAS.filter((area) => area.applicability === "formal-vendor-program").map((area) => `"${area.name}"`);
  return {
    type: "Input.Toggle",
    id: INPUT_IDS.vendorProgram,
    title: `${subjectName ?? "My company"} runs a formal vendor program (then ${areas.join(", ")} applies)`,
    valueOn: "true",
    valueOff: "false",
    value: value ? "true" : "false",
    wrap: true,
  };
}
