import { AREAS, areaById, stageById, STAGES, type Answers } from "../../core/model/index.js";
import { isApplicable, MOST_AREAS_TARGET_STAGE, partnerFriendlinessVerdict, scoreAssessment, type AssessmentResult, type PartnerFriendliness, type PracticeEvidence } from "../../core/scoring/index.js";
import type { CompanyRef } from "../../storage/index.js";
import { INPUT_IDS, type RunData } from "./actions.js";
import { adaptiveCard, bulletList, button, facts, heading, notice, paragraph, subheading, type AdaptiveCard, type CardActionElement, type CardElement } from "./elements.js";

/** What a summary is made from: a finished draft, or a stored assessment. */
export interface FinishedAssessment {
  kind: "self" | "partner";
  rater: CompanyRef;
  subject: CompanyRef;
  formalVendorProgram: boolean;
  answers: Answers;
  cycle?: string;
}

export interface SummaryCardOptions {
  assessment: FinishedAssessment;
  /** When present, the card offers to change an answer in this run. */
  run?: RunData;
  /** Circles the result was shared with, when it was just recorded. */
  sharedWith?: readonly { circleId: string; name: string }[];
  notice?: string;
  /** What the company's leads say next to what it says, for Pipeline and Leads (its circles' practice). */
  practice?: readonly string[];
  /** A partner rating: the rated company's leads in the circles both are in, for the verdict's practice reasons. */
  evidence?: PracticeEvidence;
}

/** The end of a self-assessment: stage per area, overall stage, the three weakest areas with next steps. */
export function summaryCard(options: SummaryCardOptions): AdaptiveCard {
  const { assessment } = options;
  const result = scoreAssessment(assessment.answers, assessment);
  return adaptiveCard(
    [
      notice(options.notice),
      heading("Your partnering maturity"),
      paragraph(titleLine(assessment), { subtle: true, spacing: "None" }),
      paragraph(overallLine(result)),
      paragraph(mostAreasLine(result)),
      subheading("Stage per area"),
      stagesPerArea(assessment, result),
      ...(options.practice?.length ? [subheading("What practice says"), bulletList(options.practice)] : []),
      subheading("Work on these next"),
      ...weakestAreas(result),
      sharingNote(options.sharedWith?.map((circle) => circle.name), "self"),
      options.run ? changeInput(assessment) : undefined,
    ],
    [
      options.run ? button("Change this answer", { verb: "change", ...options.run }) : undefined,
      ...gapActionButtons(options.sharedWith, result),
    ],
  );
}

/**
 * The seed's gaps become owned actions, from any summary: with the one circle the result just went
 * to, straight to its form; otherwise the press offers the company's current circles.
 */
function gapActionButtons(circles: SummaryCardOptions["sharedWith"], result: AssessmentResult): CardActionElement[] {
  const areas = result.weakest.map((weak) => weak.area);
  if (areas.length === 0) return [];
  const only = circles?.length === 1 ? circles[0] : undefined;
  return [button("Make a gap a circle action", { verb: "gapsToAction", areas, ...(only ? { circleId: only.circleId } : {}) }, { associatedInputs: "none" })];
}

const VERDICT_TITLES: Readonly<Record<PartnerFriendliness, string>> = {
  "partner-friendly": "Partner-friendly",
  "getting-there": "Getting there",
  "not-yet-partner-friendly": "Not yet partner-friendly",
};

/** The end of a partner rating: the partner-friendliness verdict and its reasons, for the rater's eyes only. */
export function partnerVerdictCard(options: SummaryCardOptions): AdaptiveCard {
  const { assessment } = options;
  const verdict = partnerFriendlinessVerdict(assessment.answers, assessment, options.evidence);
  return adaptiveCard(
    [
      notice(options.notice),
      heading(`Is ${assessment.subject.companyName} partner-friendly?`),
      paragraph(titleLine(assessment), { subtle: true, spacing: "None" }),
      { type: "TextBlock", text: VERDICT_TITLES[verdict.verdict], size: "Large", weight: "Bolder", color: verdictColor(verdict.verdict), wrap: true },
      bulletList(verdict.reasons),
      paragraph(overallLine(verdict.result, `${assessment.subject.companyName}'s`)),
      subheading("Stage per area"),
      stagesPerArea(assessment, verdict.result),
      paragraph("Only you see this verdict and your answers. Others in your circles see partner ratings only as totals.", { subtle: true }),
      sharingNote(options.sharedWith?.map((circle) => circle.name), "partner"),
      options.run ? changeInput(assessment) : undefined,
    ],
    [options.run ? button("Change this answer", { verb: "change", ...options.run }) : undefined],
  );
}

export function resultCard(options: SummaryCardOptions): AdaptiveCard {
  return options.assessment.kind === "self" ? summaryCard(options) : partnerVerdictCard(options);
}

function titleLine(assessment: FinishedAssessment): string {
  const who = assessment.kind === "self" ? assessment.rater.companyName : `Rated by ${assessment.rater.companyName}`;
  return assessment.cycle ? `${who} · ${assessment.cycle}` : who;
}

/**
 * The two figures of a summary say different things, so each says what it is: the overall stage is
 * the average of the areas, floored (2.60 is still Reactive); "most areas" counts areas at Proactive.
 */
function overallLine(result: AssessmentResult, whose = "Your"): string {
  if (!result.overall) return "No area was rated, so there is no overall stage.";
  const next = STAGES.find((stage) => stage.level === Math.floor(result.overall?.score ?? 0) + 1);
  const reaching = next && result.overall.stage !== "dynamic" ? `; the overall stage becomes ${next.name} at ${next.level.toFixed(2)}` : "";
  return `Overall stage: **${stageById(result.overall.stage).name}**. ${whose} areas average ${result.overall.score.toFixed(2)} on a scale from 1 (Basic) to 4 (Dynamic)${reaching}.`;
}

function mostAreasLine(result: AssessmentResult): string {
  const target = stageById(MOST_AREAS_TARGET_STAGE);
  const atTarget = result.stages.filter((areaStage) => areaStage.level >= target.level).length;
  const counted = result.stages.length + result.unanswered.length;
  const areas = `${atTarget} of ${counted} ${counted === 1 ? "area is" : "areas are"} at ${target.name} or higher`;
  return result.proactiveInMostAreas
    ? `${areas}: you are **${target.name} in most areas**, the model's realistic target.`
    : `${areas}. The model's realistic target is ${target.name} in most areas (more than half).`;
}

function stagesPerArea(assessment: FinishedAssessment, result: AssessmentResult): CardElement {
  const stageOf = new Map(result.stages.map((areaStage) => [areaStage.area, stageById(areaStage.stage).name]));
  return facts(
    AREAS.map((area) => ({
      title: area.name,
      value: stageOf.get(area.id) ?? (isApplicable(area.id, assessment.formalVendorProgram) ? "Does not apply" : "Not applicable (no formal vendor program)"),
    })),
  );
}

function weakestAreas(result: AssessmentResult): CardElement[] {
  if (result.weakest.length === 0) return [paragraph("Every rated area is Dynamic: keep the rhythm going.")];
  return result.weakest.flatMap((weak) => [
    paragraph(`**${areaById(weak.area).name}**: ${stageById(weak.stage).name} today`, { spacing: "Medium" }),
    bulletList(weak.nextSteps),
  ]);
}

function sharingNote(circles: readonly string[] | undefined, kind: "self" | "partner"): CardElement | undefined {
  if (!circles) return undefined;
  if (circles.length === 0) {
    return paragraph(kind === "self" ? "You are not in a circle of trust yet, so this result stays with you." : "You share no circle of trust with this company, so this rating stays with you.", { subtle: true });
  }
  const names = circles.join(", ");
  return paragraph(kind === "self" ? `Shared with your circle of trust: ${names}.` : `Counted in the totals of: ${names}.`, { subtle: true });
}

function changeInput(assessment: FinishedAssessment): CardElement {
  const areas = AREAS.filter((area) => isApplicable(area.id, assessment.formalVendorProgram));
  return {
    type: "Input.ChoiceSet",
    id: INPUT_IDS.area,
    label: "Change an answer",
    style: "compact",
    placeholder: "Choose an area",
    isRequired: true,
    errorMessage: "Choose the area whose answer you want to change.",
    choices: areas.map((area) => ({ title: `${area.number}. ${area.name}`, value: area.id })),
  };
}

function verdictColor(verdict: PartnerFriendliness): "Good" | "Warning" | "Attention" {
  if (verdict === "partner-friendly") return "Good";
  return verdict === "getting-there" ? "Warning" : "Attention";
}
