import { MAX_COMPANY_NAME_LENGTH } from "../../core/companies.js";
import { AREAS } from "../../core/model/index.js";
import type { CompanyRef } from "../../storage/index.js";
import { INPUT_IDS, type DraftRef } from "./actions.js";
import { adaptiveCard, button, heading, notice, paragraph, type AdaptiveCard, type CardElement } from "./elements.js";

export interface CompanyCardOptions {
  /** The person the card is for. */
  for: string;
  draft: DraftRef;
  /** The partner being rated (partner assessments only). */
  subject?: CompanyRef;
  /** Ask for the person's own company: always for a self-assessment, for a partner rating only when unknown. */
  askOwnCompany: boolean;
  companyName?: string;
  vendorProgram?: boolean;
  /** The run this card replaces, when the person has an assessment already (finished, or being started over). */
  previousRun?: string;
  restart?: boolean;
  notice?: string;
}

/** The first card of an assessment: the company (remembered after the first time) and whether area 10 applies. */
export function companyCard(options: CompanyCardOptions): AdaptiveCard {
  const about = options.subject?.companyName;
  return adaptiveCard(
    [
      notice(options.notice),
      heading(about ? `Rate ${about}` : "Assess your company"),
      paragraph(
        about
          ? `You will pick, for each area, the sentence that best fits how ${about} partners with you. Only you see your answers and the verdict.`
          : "You will pick, for each area, the sentence that best fits your company. Every answer is saved as you go.",
        { subtle: true },
      ),
      options.askOwnCompany ? ownCompanyInput(options.companyName) : undefined,
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

function ownCompanyInput(companyName: string | undefined): CardElement {
  return {
    type: "Input.Text",
    id: INPUT_IDS.company,
    label: "Your company",
    placeholder: "e.g. Fabrikam",
    maxLength: MAX_COMPANY_NAME_LENGTH,
    isRequired: true,
    errorMessage: "Type your company's name.",
    ...(companyName ? { value: companyName } : {}),
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
