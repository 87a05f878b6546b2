import { describe, expect, it } from "vitest";
import {
  AREA_IDS,
  AREAS,
  MEETING_LADDER,
  STAGE_IDS,
  STAGES,
  areaById,
  isAreaId,
  isStageId,
  levelOf,
  stageById,
  stageByLevel,
  type StageId,
} from "../../core/model/index.js";
import { nextStepsFor } from "../../core/scoring/index.js";

const STEP_STAGES = ["basic", "reactive", "proactive"] as const;

describe("the ten areas of the model", () => {
  it("lists the ten areas with the seed's names, in the seed's order", () => {
    expect(AREAS.map((area) => area.name)).toEqual([
      "Joint business planning",
      "Pipeline",
      "Agreement",
      "Leads",
      "Sales compensation",
      "Market messaging",
      "Geography",
      "Resource utilization",
      "Customer relationship",
      "Readiness and certifications",
    ]);
    expect(AREAS.map((area) => area.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it("uses every stable area id exactly once, in id order", () => {
    expect(AREAS.map((area) => area.id)).toEqual([...AREA_IDS]);
    expect(new Set(AREAS.map((area) => area.id)).size).toBe(10);
  });

  it("finds an area by its id and recognises area ids", () => {
    expect(areaById("leads").name).toBe("Leads");
    expect(isAreaId("geography")).toBe(true);
    expect(isAreaId("marketing")).toBe(false);
    expect(isAreaId(7)).toBe(false);
  });

  it("only lets Readiness and certifications depend on a formal vendor program", () => {
    const vendorOnly = AREAS.filter((area) => area.applicability === "formal-vendor-program").map((area) => area.id);
    expect(vendorOnly).toEqual(["readiness-certifications"]);
    expect(AREAS.filter((area) => area.applicability === "all")).toHaveLength(9);
  });

  it("explains why every area matters in one line", () => {
    for (const area of AREAS) {
      expect(area.why.trim().length, area.id).toBeGreaterThan(20);
      expect(area.why, area.id).not.toContain("\n");
    }
  });
});

describe("Which sentence fits you best?", () => {
  const sentences = AREAS.flatMap((area) => STAGE_IDS.map((stage) => ({ area: area.id, stage, text: area.stages[stage] })));

  it("offers one sentence for each of the 4 stages in each of the 10 areas", () => {
    expect(sentences).toHaveLength(40);
    for (const { area, stage, text } of sentences) expect(text.trim().length, `${area}/${stage}`).toBeGreaterThan(30);
  });

  it("never repeats a sentence", () => {
    expect(new Set(sentences.map((sentence) => sentence.text)).size).toBe(40);
  });

  it("keeps every sentence short enough for an Adaptive Card, as one sentence", () => {
    for (const { area, stage, text } of sentences) {
      expect(text.length, `${area}/${stage}`).toBeLessThanOrEqual(220);
      expect(text, `${area}/${stage}`).toMatch(/\.$/);
      expect(text.slice(0, -1), `${area}/${stage}`).not.toMatch(/[.!?]\s/);
    }
  });

  it("describes the company in the first person so people can recognise themselves", () => {
    for (const { area, stage, text } of sentences) expect(text, `${area}/${stage}`).toMatch(/\b(we|our)\b/i);
  });

  it("rises from working alone to partnering as the way of working, e.g. in Pipeline and Agreement", () => {
    expect(areaById("pipeline").stages.basic).toMatch(/seldom pass opportunities/);
    expect(areaById("pipeline").stages.proactive).toMatch(/both ways/);
    expect(areaById("agreement").stages.reactive).toMatch(/memorandum of understanding/);
    expect(areaById("agreement").stages.proactive).toMatch(/two-way partnering agreement, signed at senior level/);
    expect(areaById("agreement").stages.dynamic).toMatch(/non-exclusive.*every year/);
  });
});

describe("next steps", () => {
  it("gives 2 or 3 concrete steps for every stage below Dynamic in every area", () => {
    for (const area of AREAS) {
      for (const stage of STEP_STAGES) {
        const steps = area.nextSteps[stage];
        expect(steps.length, `${area.id}/${stage}`).toBeGreaterThanOrEqual(2);
        expect(steps.length, `${area.id}/${stage}`).toBeLessThanOrEqual(3);
        for (const step of steps) expect(step.trim().length, `${area.id}/${stage}`).toBeGreaterThan(15);
      }
    }
  });

  it("has no next steps for an area that is already Dynamic", () => {
    for (const area of AREAS) {
      expect(Object.keys(area.nextSteps).sort()).toEqual(["basic", "proactive", "reactive"]);
      expect(nextStepsFor(area.id, "dynamic")).toEqual([]);
    }
  });

  it("never repeats a step within an area", () => {
    for (const area of AREAS) {
      const steps = STEP_STAGES.flatMap((stage) => area.nextSteps[stage]);
      expect(new Set(steps).size, area.id).toBe(steps.length);
    }
  });

  it("moves an Agreement from a signed MoU to a two-way agreement to a yearly, non-exclusive review", () => {
    const { nextSteps } = areaById("agreement");
    expect(nextSteps.basic.join(" ")).toMatch(/memorandum of understanding signed by senior people on both sides/i);
    expect(nextSteps.reactive.join(" ")).toMatch(/works both ways/);
    expect(nextSteps.reactive.join(" ")).toMatch(/possible scenarios/);
    expect(nextSteps.proactive.join(" ")).toMatch(/every year/);
    expect(nextSteps.proactive.join(" ")).toMatch(/non-exclusive/);
  });
});

describe("the meeting ladder", () => {
  it("says quarterly is good, monthly is great and weekly is nirvana", () => {
    expect(MEETING_LADDER.map((rung) => [rung.cadence, rung.verdict])).toEqual([
      ["quarterly", "good"],
      ["monthly", "great"],
      ["weekly", "nirvana"],
    ]);
  });

  it("climbs one rung per Joint business planning stage: Basic to quarterly, Reactive to monthly, Proactive to weekly", () => {
    const { nextSteps } = areaById("joint-business-planning");
    for (const rung of MEETING_LADDER) {
      const steps = nextSteps[rung.nextStepFrom].join(" ");
      expect(steps).toContain(`in person ${rung.cadence}`);
      expect(steps).toContain(`${rung.cadence} is ${rung.verdict}`);
      const otherCadences = MEETING_LADDER.filter((other) => other !== rung).map((other) => other.cadence);
      for (const other of otherCadences) expect(steps).not.toContain(other);
    }
  });
});

describe("the four stages", () => {
  it("are Basic, Reactive, Proactive and Dynamic at levels 1 to 4", () => {
    expect(STAGES.map((stage) => [stage.id, stage.level, stage.name])).toEqual([
      ["basic", 1, "Basic"],
      ["reactive", 2, "Reactive"],
      ["proactive", 3, "Proactive"],
      ["dynamic", 4, "Dynamic"],
    ]);
    for (const stage of STAGES) expect(stage.summary.length).toBeGreaterThan(20);
  });

  it("converts between stages and levels both ways", () => {
    for (const id of STAGE_IDS) expect(stageByLevel(levelOf(id)).id).toBe(id);
    expect(levelOf("proactive")).toBe(3);
    expect(stageById("dynamic").name).toBe("Dynamic");
  });

  it("rejects levels outside 1 to 4 and unknown stage ids", () => {
    expect(() => stageByLevel(0)).toThrow(RangeError);
    expect(() => stageByLevel(5)).toThrow(RangeError);
    expect(() => stageByLevel(2.5)).toThrow(RangeError);
    expect(() => stageById("expert" as StageId)).toThrow(RangeError);
    expect(isStageId("reactive")).toBe(true);
    expect(isStageId("not-applicable")).toBe(false);
  });
});
