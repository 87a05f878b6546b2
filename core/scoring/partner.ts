import { areaById } from "../model/areas.js";
import { levelOf, stageById } from "../model/stages.js";
import type { Answers, AreaId, StageId } from "../model/types.js";
import { practiceSignals, signalReason, type CompanyPractice, type Period } from "../leads/practice.js";
import { scoreAssessment, type AreaStage, type AssessmentResult } from "./assessment.js";
import {
  NOT_YET_MIN_BASIC_TRUST_AREAS,
  NOT_YET_OVERALL_STAGE,
  PARTNER_FRIENDLY_FORBIDDEN_TRUST_STAGE,
  PARTNER_FRIENDLY_MIN_RATED_TRUST_AREAS,
  PARTNER_FRIENDLY_MIN_SCORE,
  TRUST_AREAS,
} from "./thresholds.js";

export type PartnerFriendliness = "partner-friendly" | "getting-there" | "not-yet-partner-friendly";

export interface PartnerVerdict {
  verdict: PartnerFriendliness;
  /** Plain sentences: first why this verdict, then each rated trust area (weakest first), then what is not rated. */
  reasons: string[];
  result: AssessmentResult;
}

/** How a peer comes across in each trust area at each stage, said about "them". */
const TRUST_AREA_PHRASES: Readonly<Partial<Record<AreaId, Readonly<Record<StageId, string>>>>> = {
  pipeline: {
    basic: "they take opportunities but rarely give them back",
    reactive: "they pass on opportunities when asked, but not as a habit",
    proactive: "they share their pipeline and opportunities flow both ways",
    dynamic: "sharing opportunities both ways is part of every sales meeting",
  },
  agreement: {
    basic: "nothing about the partnership is written down",
    reactive: "their terms are simple and mostly protect their own side",
    proactive: "they offer a two-way agreement signed by senior people",
    dynamic: "their two-way, non-exclusive agreements are reviewed every year",
  },
  leads: {
    basic: "their leads are often attempts to resell with no real customer behind them",
    reactive: "they pass on real leads when a customer asks, without an agreed process",
    proactive: "they share a sales process and follow up leads within an agreed time",
    dynamic: "they give leads generously without needing to earn every time",
  },
  "resource-utilization": {
    basic: "they neither borrow people from partners nor lend their own",
    reactive: "they share people when a gap appears and price each case",
    proactive: "they share people on a two-way price list or revenue-sharing model",
    dynamic: "they share their bench openly and give their circle of trust priority",
  },
  "customer-relationship": {
    basic: "customer problems are left to whoever caused them",
    reactive: "they deal with customer issues only after a complaint",
    proactive: "they meet customers 1:1 about the partner experience and measure satisfaction",
    dynamic: "they take shared responsibility for every customer, whoever is at fault",
  },
};

interface TrustFacts {
  /** Rated trust areas, model order. */
  rated: AreaStage[];
  /** Rated trust areas at Basic, model order. */
  basic: AreaStage[];
}

function trustFactsOf(result: AssessmentResult): TrustFacts {
  const rated = result.stages.filter((areaStage) => TRUST_AREAS.includes(areaStage.area));
  return { rated, basic: rated.filter((areaStage) => areaStage.stage === "basic") };
}

function areaNames(areas: readonly { area: AreaId }[]): string {
  return areas.map(({ area }) => areaById(area).name).join(", ");
}

function overallSentence(result: AssessmentResult): string {
  if (!result.overall) return "no area has been rated yet";
  const { score, stage } = result.overall;
  return `overall maturity is ${stageById(stage).name} (${score.toFixed(2)} of 4)`;
}

/** Rule: not yet partner-friendly when the overall stage is Basic, or at least 2 trust areas are Basic. */
function notYetCauses(result: AssessmentResult, trust: TrustFacts): string[] {
  const causes: string[] = [];
  if (result.overall?.stage === NOT_YET_OVERALL_STAGE) causes.push(overallSentence(result));
  if (trust.basic.length >= NOT_YET_MIN_BASIC_TRUST_AREAS) {
    causes.push(`${trust.basic.length} of the two-way areas are Basic (${areaNames(trust.basic)}), and partnering is a two-way street`);
  }
  return causes;
}

/**
 * Rule: partner-friendly needs an overall score of at least 2.5, no trust area at Basic and at least
 * 3 trust areas rated. Returns what stands in the way; empty means partner-friendly.
 */
function friendlyBlockers(result: AssessmentResult, trust: TrustFacts): string[] {
  const blockers: string[] = [];
  if (!result.overall || result.overall.score < PARTNER_FRIENDLY_MIN_SCORE) {
    blockers.push(`${overallSentence(result)}, and partner-friendly needs an overall of at least ${PARTNER_FRIENDLY_MIN_SCORE}`);
  }
  const forbidden = trust.rated.filter((areaStage) => areaStage.stage === PARTNER_FRIENDLY_FORBIDDEN_TRUST_STAGE);
  if (forbidden.length > 0) {
    const verb = forbidden.length === 1 ? "is" : "are";
    blockers.push(`${areaNames(forbidden)} ${verb} still ${stageById(PARTNER_FRIENDLY_FORBIDDEN_TRUST_STAGE).name}`);
  }
  if (trust.rated.length < PARTNER_FRIENDLY_MIN_RATED_TRUST_AREAS) {
    blockers.push(`only ${trust.rated.length} of the ${TRUST_AREAS.length} two-way areas are rated, too few to judge the two-way street`);
  }
  return blockers;
}

function decide(result: AssessmentResult, trust: TrustFacts): { verdict: PartnerFriendliness; because: string } {
  const causes = notYetCauses(result, trust);
  if (causes.length > 0) return { verdict: "not-yet-partner-friendly", because: `Not yet partner-friendly: ${causes.join("; ")}.` };
  const blockers = friendlyBlockers(result, trust);
  if (blockers.length > 0) return { verdict: "getting-there", because: `Getting there: ${blockers.join("; ")}.` };
  return {
    verdict: "partner-friendly",
    because: `Partner-friendly: ${overallSentence(result)}, at least the ${PARTNER_FRIENDLY_MIN_SCORE} needed, and none of the two-way areas is ${stageById(PARTNER_FRIENDLY_FORBIDDEN_TRUST_STAGE).name}.`,
  };
}

function trustAreaReason({ area, stage }: AreaStage): string {
  const phrase = TRUST_AREA_PHRASES[area]?.[stage] ?? `they rate ${stageById(stage).name} here`;
  return `${areaById(area).name} is ${stageById(stage).name}: ${phrase}.`;
}

function coverageReason(result: AssessmentResult): string | undefined {
  const count = result.unanswered.length;
  if (count === 0) return undefined;
  const areas = count === 1 ? "area is" : "areas are";
  return `${count} applicable ${areas} not rated yet (${areaNames(result.unanswered.map((area) => ({ area })))}), so this verdict rests on the ${result.stages.length} rated.`;
}

/**
 * A peer's verdict on another company, grounded in the seed's "partnering is a two-way street".
 * Rules are checked in order: not yet partner-friendly, then partner-friendly, otherwise getting there
 * (also when nothing is rated). Reasons are never empty. With practice, its signals (thresholds.ts)
 * come right after the first reason, and "takes and never gives" keeps it from "partner-friendly".
 */
export function partnerFriendlinessVerdict(answers: Answers, context: { formalVendorProgram: boolean }, practice?: PracticeEvidence): PartnerVerdict {
  const result = scoreAssessment(answers, context);
  const trust = trustFactsOf(result);
  const decided = decide(result, trust);
  const signals = practice ? practiceSignals(practice.practice) : [];
  // What partners actually pass outweighs what they say: one who takes and never gives is not partner-friendly yet.
  const verdict = decided.verdict === "partner-friendly" && signals.includes("takes-never-gives") ? "getting-there" : decided.verdict;
  const because = verdict === decided.verdict ? decided.because : "Getting there: the ratings say partner-friendly, but practice does not (below).";
  const fromPractice = practice ? signals.map((signal) => signalReason(signal, practice.practice, practice.period)) : [];
  const weakestFirst = [...trust.rated].sort((a, b) => levelOf(a.stage) - levelOf(b.stage));
  const coverage = coverageReason(result);
  const reasons = [because, ...fromPractice, ...weakestFirst.map(trustAreaReason), ...(coverage ? [coverage] : [])];
  return { verdict, reasons, result };
}

/** The leads a company gave and received in a period (core/leads), as evidence beside the ratings. */
export interface PracticeEvidence {
  practice: CompanyPractice;
  period: Pick<Period, "name">;
}
