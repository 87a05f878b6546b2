import { AREAS } from "../model/areas.js";
import { stageByLevel } from "../model/stages.js";
import { NOT_APPLICABLE, type Answers, type AreaId, type StageId } from "../model/types.js";
import { overallStageFor, scoreAssessment } from "./assessment.js";
import { medianOf } from "./stats.js";
import { DISAGREEMENT_MIN_SPREAD } from "./thresholds.js";

/** One person's latest answers for their company (or for a partner their company rates). */
export interface PersonAnswers {
  answers: Answers;
  formalVendorProgram: boolean;
}

/** How a company's people answered one area. */
export interface AreaAgreement {
  area: AreaId;
  /** People whose answer counts for the area. */
  people: number;
  stage: StageId;
  lowest: StageId;
  highest: StageId;
  /** True when the people's stages are at least DISAGREEMENT_MIN_SPREAD apart. */
  disagree: boolean;
}

export interface CombinedAnswers {
  /** The company's answers: per area the median stage of its people (see DISAGREEMENT_MIN_SPREAD). */
  answers: Answers;
  /** True when any of its people answered as a company with a formal vendor program. */
  formalVendorProgram: boolean;
  /** How many people's answers were combined. */
  people: number;
  areas: AreaAgreement[];
  /** Areas where the people disagree, in model order. */
  disagreements: AreaId[];
}

/**
 * Combines the latest answers of a company's people into the company's answers, so that no
 * person's answer silently replaces another's. Throws InvalidAnswerError for invalid answers.
 */
export function combinePeopleAnswers(people: readonly PersonAnswers[]): CombinedAnswers {
  const levelsByPerson = people.map((person) => new Map(scoreAssessment(person.answers, { formalVendorProgram: person.formalVendorProgram }).stages.map((stage) => [stage.area, stage.level])));
  const answers: Answers = {};
  const areas: AreaAgreement[] = [];
  for (const { id } of AREAS) {
    const levels = levelsByPerson.flatMap((levelOf) => levelOf.get(id) ?? []);
    const median = medianOf(levels);
    if (median === undefined) {
      if (people.some((person) => person.answers[id] === NOT_APPLICABLE)) answers[id] = NOT_APPLICABLE;
      continue;
    }
    const lowest = Math.min(...levels);
    const highest = Math.max(...levels);
    const stage = overallStageFor(median);
    answers[id] = stage;
    areas.push({ area: id, people: levels.length, stage, lowest: stageByLevel(lowest).id, highest: stageByLevel(highest).id, disagree: highest - lowest >= DISAGREEMENT_MIN_SPREAD });
  }
  return {
    answers,
    formalVendorProgram: people.some((person) => person.formalVendorProgram),
    people: people.length,
    areas,
    disagreements: areas.filter((area) => area.disagree).map((area) => area.area),
  };
}
