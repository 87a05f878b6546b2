import { AREAS } from "../model/areas.js";
import type { AreaId } from "../model/types.js";
import { scoreAssessment, type AssessmentResult } from "./assessment.js";
import type { MemberAssessment } from "./circle.js";
import { medianOf } from "./stats.js";

export interface SelfVsPartnersArea {
  area: AreaId;
  /** The company's own level, when it answered and the area applies. */
  self: number | undefined;
  /** Median of the partners' levels for this area. */
  partners: number | undefined;
  /** How many partner ratings count for this area. */
  raters: number;
  /** self - partners: positive when the company rates itself higher than its partners do. */
  gap: number | undefined;
}

function scored(assessment: MemberAssessment): AssessmentResult {
  return scoreAssessment(assessment.answers, { formalVendorProgram: assessment.formalVendorProgram });
}

function levelIn(result: AssessmentResult | undefined, area: AreaId): number | undefined {
  return result?.stages.find((areaStage) => areaStage.area === area)?.level;
}

/**
 * How a company rates itself against how its partners rate it, for all 10 areas in model order.
 * Each assessment is scored on its own, so an area counts only where that assessment says it applies
 * (e.g. Readiness and certifications only with a formal vendor program). The partners' view is the
 * median of their counted levels; the gap exists only when both sides have a level.
 * Throws InvalidAnswerError if any assessment is invalid.
 */
export function selfVsPartners(
  self: MemberAssessment | undefined,
  partnerRatings: readonly MemberAssessment[],
): SelfVsPartnersArea[] {
  const selfResult = self ? scored(self) : undefined;
  const partnerResults = partnerRatings.map(scored);
  return AREAS.map(({ id }) => {
    const selfLevel = levelIn(selfResult, id);
    const partnerLevels = partnerResults.map((result) => levelIn(result, id)).filter((level) => level !== undefined);
    const partners = medianOf(partnerLevels);
    const gap = selfLevel !== undefined && partners !== undefined ? selfLevel - partners : undefined;
    return { area: id, self: selfLevel, partners, raters: partnerLevels.length, gap };
  });
}
