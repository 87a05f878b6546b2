import { AREA_IDS, type Answers, type AreaId, type StageId } from "../../core/model/index.js";
import type { MemberAssessment } from "../../core/scoring/index.js";

/** The nine areas every company answers (all but Readiness and certifications). */
export const COMMON_AREAS: readonly AreaId[] = AREA_IDS.filter((id) => id !== "readiness-certifications");

/** The same stage for every given area (default: the nine common areas). */
export function everyAreaAt(stage: StageId, areas: readonly AreaId[] = COMMON_AREAS): Answers {
  return Object.fromEntries(areas.map((area) => [area, stage]));
}

export function member(companyId: string, answers: Answers, formalVendorProgram = false): MemberAssessment {
  return { companyId, answers, formalVendorProgram };
}
