import { describe, expect, it } from "vitest";
import { AREA_IDS, areaById, type Answers, type AreaAnswer } from "../../core/model/index.js";
import {
  InvalidAnswerError,
  isApplicable,
  overallMaturityOf,
  overallStageFor,
  scoreAssessment,
  WEAKEST_AREA_COUNT,
} from "../../core/scoring/index.js";
import { COMMON_AREAS, everyAreaAt } from "./fixtures.js";

const noVendorProgram = { formalVendorProgram: false };
const vendorProgram = { formalVendorProgram: true };

/** A full, mixed set of answers: levels 1,2,3,4,2,3,3,2,3,1 → mean 2.4. */
const mixedAnswers: Answers = {
  "joint-business-planning": "basic",
  pipeline: "reactive",
  agreement: "proactive",
  leads: "dynamic",
  "sales-compensation": "reactive",
  "market-messaging": "proactive",
  geography: "proactive",
  "resource-utilization": "reactive",
  "customer-relationship": "proactive",
  "readiness-certifications": "basic",
};

describe("which areas count for a company", () => {
  it("counts Readiness and certifications only for companies with a formal vendor program", () => {
    expect(isApplicable("readiness-certifications", true)).toBe(true);
    expect(isApplicable("readiness-certifications", false)).toBe(false);
    expect(isApplicable("pipeline", false)).toBe(true);
    expect(isApplicable("pipeline", true)).toBe(true);
  });

  it("ignores a Readiness answer from a company without a vendor program", () => {
    const result = scoreAssessment({ ...everyAreaAt("basic"), "readiness-certifications": "dynamic" }, noVendorProgram);
    expect(result.notApplicable).toEqual(["readiness-certifications"]);
    expect(result.stages.map((areaStage) => areaStage.area)).toEqual(COMMON_AREAS);
    expect(result.overall).toEqual({ score: 1, stage: "basic" });
    expect(result.complete).toBe(true);
  });

  it("lets a vendor-program company say Readiness is not applicable", () => {
    const result = scoreAssessment({ ...everyAreaAt("proactive"), "readiness-certifications": "not-applicable" }, vendorProgram);
    expect(result.notApplicable).toEqual(["readiness-certifications"]);
    expect(result.unanswered).toEqual([]);
    expect(result.complete).toBe(true);
    expect(result.overall).toEqual({ score: 3, stage: "proactive" });
  });

  it("treats a missing Readiness answer from a vendor-program company as unanswered, so the assessment is not complete", () => {
    const result = scoreAssessment(everyAreaAt("reactive"), vendorProgram);
    expect(result.unanswered).toEqual(["readiness-certifications"]);
    expect(result.notApplicable).toEqual([]);
    expect(result.complete).toBe(false);
    expect(result.overall).toEqual({ score: 2, stage: "reactive" });
  });
});

describe("an assessment with nothing answered yet", () => {
  it("has no overall maturity, no weakest areas and lists every applicable area as unanswered", () => {
    const result = scoreAssessment({}, noVendorProgram);
    expect(result).toEqual({
      stages: [],
      notApplicable: ["readiness-certifications"],
      unanswered: COMMON_AREAS,
      complete: false,
      overall: undefined,
      weakest: [],
      proactiveInMostAreas: false,
    });
  });

  it("lists all ten areas as unanswered for a vendor-program company", () => {
    const result = scoreAssessment({}, vendorProgram);
    expect(result.unanswered).toEqual([...AREA_IDS]);
    expect(result.notApplicable).toEqual([]);
  });

  it("counts nothing when only Readiness is answered 'not applicable' and the rest is still open", () => {
    const result = scoreAssessment({ "readiness-certifications": "not-applicable" }, vendorProgram);
    expect(result.notApplicable).toEqual(["readiness-certifications"]);
    expect(result.unanswered).toEqual(COMMON_AREAS);
    expect(result.overall).toBeUndefined();
    expect(result.weakest).toEqual([]);
  });

  it("treats an area whose answer is explicitly undefined as unanswered", () => {
    const result = scoreAssessment({ pipeline: undefined, leads: "reactive" }, noVendorProgram);
    expect(result.unanswered).toContain("pipeline");
    expect(result.stages).toEqual([{ area: "leads", stage: "reactive", level: 2 }]);
  });
});

describe("an assessment with all ten areas answered", () => {
  const result = scoreAssessment(mixedAnswers, vendorProgram);

  it("lists each area's stage and level in model order", () => {
    expect(result.stages.map((areaStage) => [areaStage.area, areaStage.stage, areaStage.level])).toEqual([
      ["joint-business-planning", "basic", 1],
      ["pipeline", "reactive", 2],
      ["agreement", "proactive", 3],
      ["leads", "dynamic", 4],
      ["sales-compensation", "reactive", 2],
      ["market-messaging", "proactive", 3],
      ["geography", "proactive", 3],
      ["resource-utilization", "reactive", 2],
      ["customer-relationship", "proactive", 3],
      ["readiness-certifications", "basic", 1],
    ]);
    expect(result.complete).toBe(true);
    expect(result.unanswered).toEqual([]);
    expect(result.notApplicable).toEqual([]);
  });

  it("gives an overall maturity of 2.4, which is Reactive", () => {
    expect(result.overall).toEqual({ score: 2.4, stage: "reactive" });
  });

  it("suggests the three lowest areas with their next steps, ties in model order", () => {
    expect(WEAKEST_AREA_COUNT).toBe(3);
    expect(result.weakest).toEqual([
      { area: "joint-business-planning", stage: "basic", nextSteps: areaById("joint-business-planning").nextSteps.basic },
      { area: "readiness-certifications", stage: "basic", nextSteps: areaById("readiness-certifications").nextSteps.basic },
      { area: "pipeline", stage: "reactive", nextSteps: areaById("pipeline").nextSteps.reactive },
    ]);
  });

  it("is not yet Proactive in most areas: exactly half (5 of 10) is not more than half", () => {
    expect(result.proactiveInMostAreas).toBe(false);
  });
});

describe("overall maturity", () => {
  it("rounds the mean level to two decimals", () => {
    const result = scoreAssessment({ pipeline: "basic", agreement: "reactive", leads: "reactive" }, noVendorProgram);
    expect(result.overall).toEqual({ score: 1.67, stage: "basic" });
  });

  it("only reaches a stage once the score reaches its level", () => {
    expect(overallStageFor(1)).toBe("basic");
    expect(overallStageFor(1.99)).toBe("basic");
    expect(overallStageFor(2)).toBe("reactive");
    expect(overallStageFor(2.99)).toBe("reactive");
    expect(overallStageFor(3)).toBe("proactive");
    expect(overallStageFor(3.5)).toBe("proactive");
    expect(overallStageFor(4)).toBe("dynamic");
  });

  it("is not pushed down a stage by floating-point noise", () => {
    expect(overallStageFor(2.9999999999)).toBe("proactive");
    expect(overallStageFor((0.1 + 0.7) * 3.75)).toBe("proactive"); // 2.9999999999999996
  });

  it("clamps scores outside 1 to 4 and rejects a score that is not a number", () => {
    expect(overallStageFor(0)).toBe("basic");
    expect(overallStageFor(7)).toBe("dynamic");
    expect(() => overallStageFor(Number.NaN)).toThrow(RangeError);
  });

  it("takes the stage from the rounded score, so a mean of 2.996 shows as 3 and Proactive", () => {
    expect(overallMaturityOf([2.996])).toEqual({ score: 3, stage: "proactive" });
    expect(overallMaturityOf([2.994])).toEqual({ score: 2.99, stage: "reactive" });
    expect(overallMaturityOf([])).toBeUndefined();
  });
});

describe("the weakest areas to work on next", () => {
  it("breaks ties in model order when every area is at the same stage", () => {
    const result = scoreAssessment(everyAreaAt("reactive"), noVendorProgram);
    expect(result.weakest.map((weak) => weak.area)).toEqual(["joint-business-planning", "pipeline", "agreement"]);
    expect(result.weakest.every((weak) => weak.stage === "reactive")).toBe(true);
    expect(result.weakest[0]?.nextSteps).toEqual(areaById("joint-business-planning").nextSteps.reactive);
  });

  it("is empty when every area is already Dynamic, because Dynamic has no next steps", () => {
    const result = scoreAssessment(everyAreaAt("dynamic", AREA_IDS), vendorProgram);
    expect(result.weakest).toEqual([]);
    expect(result.overall).toEqual({ score: 4, stage: "dynamic" });
    expect(result.proactiveInMostAreas).toBe(true);
  });

  it("leaves Dynamic areas out and may list fewer than three", () => {
    const result = scoreAssessment({ ...everyAreaAt("dynamic"), leads: "proactive", geography: "basic" }, noVendorProgram);
    expect(result.weakest.map((weak) => [weak.area, weak.stage])).toEqual([
      ["geography", "basic"],
      ["leads", "proactive"],
    ]);
  });
});

describe("Proactive in most areas (the seed's realistic target)", () => {
  it("is reached with Proactive or higher in more than half of the applicable areas", () => {
    const answers: Answers = { ...everyAreaAt("reactive"), ...everyAreaAt("proactive", COMMON_AREAS.slice(0, 5)) };
    expect(scoreAssessment(answers, noVendorProgram).proactiveInMostAreas).toBe(true); // 5 of 9
  });

  it("counts Dynamic as higher than Proactive", () => {
    const answers: Answers = { ...everyAreaAt("basic"), ...everyAreaAt("dynamic", COMMON_AREAS.slice(0, 5)) };
    expect(scoreAssessment(answers, noVendorProgram).proactiveInMostAreas).toBe(true);
  });

  it("counts unanswered applicable areas against the target", () => {
    const answers = everyAreaAt("proactive", COMMON_AREAS.slice(0, 4)); // 4 of 9 applicable
    expect(scoreAssessment(answers, noVendorProgram).proactiveInMostAreas).toBe(false);
  });

  it("includes Readiness in the count for vendor-program companies", () => {
    const answers: Answers = { ...everyAreaAt("basic", AREA_IDS), ...everyAreaAt("proactive", COMMON_AREAS.slice(0, 5)) };
    expect(scoreAssessment(answers, vendorProgram).proactiveInMostAreas).toBe(false); // 5 of 10
    expect(scoreAssessment(answers, noVendorProgram).proactiveInMostAreas).toBe(true); // 5 of 9
  });
});

describe("invalid answers are rejected", () => {
  function rejection(answers: Answers, formalVendorProgram = false): InvalidAnswerError {
    try {
      scoreAssessment(answers, { formalVendorProgram });
    } catch (error) {
      if (error instanceof InvalidAnswerError) return error;
      throw error;
    }
    throw new Error("expected an InvalidAnswerError");
  }

  it("rejects 'not applicable' for an area that applies to every company", () => {
    const error = rejection({ pipeline: "not-applicable" });
    expect(error.name).toBe("InvalidAnswerError");
    expect(error.area).toBe("pipeline");
    expect(error.value).toBe("not-applicable");
    expect(error.message).toMatch(/Pipeline.*applies to every company/);
  });

  it("rejects answering 'not applicable' everywhere, even with Readiness left open", () => {
    const answers = Object.fromEntries(COMMON_AREAS.map((area) => [area, "not-applicable"])) as Answers;
    expect(rejection(answers, true).area).toBe("joint-business-planning");
  });

  it("rejects an unknown stage", () => {
    const error = rejection({ leads: "expert" as AreaAnswer });
    expect(error.area).toBe("leads");
    expect(error.value).toBe("expert");
    expect(error.message).toMatch(/unknown stage "expert"/);
  });

  it("rejects an unknown area", () => {
    const error = rejection({ marketing: "basic" } as unknown as Answers);
    expect(error.area).toBe("marketing");
    expect(error.message).toMatch(/unknown area/);
  });

  it("rejects null and stage names typed with capitals", () => {
    expect(rejection({ geography: null } as unknown as Answers).area).toBe("geography");
    expect(rejection({ geography: "Basic" as AreaAnswer }).value).toBe("Basic");
  });

  it("rejects an invalid Readiness answer even when Readiness does not count", () => {
    expect(rejection({ "readiness-certifications": "expert" as AreaAnswer }, false).area).toBe("readiness-certifications");
  });
});
