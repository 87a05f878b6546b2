import { describe, expect, it } from "vitest";
import { areaById } from "../../core/model/index.js";
import { InvalidAnswerError, scoreCircle, type CircleAreaAggregate } from "../../core/scoring/index.js";
import { everyAreaAt, member } from "./fixtures.js";

function aggregateFor(areas: readonly CircleAreaAggregate[], area: CircleAreaAggregate["area"]): CircleAreaAggregate | undefined {
  return areas.find((aggregate) => aggregate.area === area);
}

describe("an empty circle of trust", () => {
  it("has no members, no areas, no overall maturity and nothing to work on", () => {
    expect(scoreCircle([])).toEqual({ memberCount: 0, areas: [], overall: undefined, weakest: [] });
  });
});

describe("a circle with a single member", () => {
  const circle = scoreCircle([member("contoso", { pipeline: "reactive", agreement: "dynamic", leads: "basic" })]);

  it("uses that member's level as the median, with no spread", () => {
    expect(circle.memberCount).toBe(1);
    expect(circle.areas).toEqual([
      { area: "pipeline", companies: 1, median: 2, medianStage: "reactive", lowest: "reactive", highest: "reactive", spread: 0 },
      { area: "agreement", companies: 1, median: 4, medianStage: "dynamic", lowest: "dynamic", highest: "dynamic", spread: 0 },
      { area: "leads", companies: 1, median: 1, medianStage: "basic", lowest: "basic", highest: "basic", spread: 0 },
    ]);
  });

  it("gives the mean of the medians as overall maturity", () => {
    expect(circle.overall).toEqual({ score: 2.33, stage: "reactive" });
  });

  it("leaves out areas nobody has answered", () => {
    expect(aggregateFor(circle.areas, "geography")).toBeUndefined();
  });
});

describe("a circle with several members", () => {
  it("takes the middle level as the median for an odd number of companies", () => {
    const circle = scoreCircle([
      member("a", { pipeline: "basic" }),
      member("b", { pipeline: "dynamic" }),
      member("c", { pipeline: "reactive" }),
    ]);
    expect(circle.areas).toEqual([
      { area: "pipeline", companies: 3, median: 2, medianStage: "reactive", lowest: "basic", highest: "dynamic", spread: 3 },
    ]);
  });

  it("takes the mean of the two middle levels for an even number of companies, and 2.5 is still Reactive", () => {
    const circle = scoreCircle([
      member("a", { leads: "basic", agreement: "reactive" }),
      member("b", { leads: "reactive", agreement: "reactive" }),
      member("c", { leads: "proactive", agreement: "proactive" }),
      member("d", { leads: "dynamic", agreement: "dynamic" }),
    ]);
    expect(aggregateFor(circle.areas, "leads")).toMatchObject({ companies: 4, median: 2.5, medianStage: "reactive", spread: 3 });
    expect(aggregateFor(circle.areas, "agreement")).toMatchObject({ median: 2.5, lowest: "reactive", highest: "dynamic", spread: 2 });
  });

  it("counts each company's answers only where they apply to that company", () => {
    const circle = scoreCircle([
      member("vendor", { "readiness-certifications": "proactive", pipeline: "proactive" }, true),
      member("services", { "readiness-certifications": "basic", pipeline: "basic" }, false),
      member("other-vendor", { "readiness-certifications": "not-applicable" }, true),
    ]);
    expect(aggregateFor(circle.areas, "readiness-certifications")).toMatchObject({ companies: 1, median: 3, spread: 0 });
    expect(aggregateFor(circle.areas, "pipeline")).toMatchObject({ companies: 2, median: 2, medianStage: "reactive" });
  });

  it("counts members who have not answered anything yet in the member count only", () => {
    const circle = scoreCircle([member("a", { pipeline: "proactive" }), member("b", {})]);
    expect(circle.memberCount).toBe(2);
    expect(circle.areas).toHaveLength(1);
    expect(aggregateFor(circle.areas, "pipeline")).toMatchObject({ companies: 1, median: 3 });
  });

  it("lists areas in model order", () => {
    const circle = scoreCircle([member("a", { geography: "basic", pipeline: "basic", "joint-business-planning": "basic" })]);
    expect(circle.areas.map((aggregate) => aggregate.area)).toEqual(["joint-business-planning", "pipeline", "geography"]);
  });

  it("rounds the circle's overall maturity from the area medians", () => {
    const circle = scoreCircle([
      member("a", { pipeline: "basic", agreement: "proactive", leads: "proactive" }),
      member("b", { pipeline: "reactive", agreement: "proactive", leads: "dynamic" }),
    ]);
    // medians 1.5, 3, 3.5 → mean 2.666… → 2.67
    expect(circle.overall).toEqual({ score: 2.67, stage: "reactive" });
  });

  it("rejects a member's invalid answers", () => {
    expect(() => scoreCircle([member("a", { pipeline: "basic" }), member("b", { agreement: "not-applicable" })])).toThrow(
      InvalidAnswerError,
    );
  });
});

describe("the circle's weakest areas", () => {
  it("puts the lowest medians first and breaks ties by the larger spread, then model order", () => {
    const circle = scoreCircle([
      member("a", { ...everyAreaAt("dynamic"), pipeline: "reactive", agreement: "basic", leads: "reactive", geography: "reactive" }),
      member("b", { ...everyAreaAt("dynamic"), pipeline: "reactive", agreement: "proactive", leads: "reactive", geography: "reactive" }),
      member("c", { ...everyAreaAt("dynamic"), pipeline: "reactive", agreement: "reactive", leads: "reactive", geography: "proactive" }),
    ]);
    // all four have median 2; Agreement (spread 2) beats Geography (spread 1), which beats Pipeline and Leads (0, model order)
    expect(circle.weakest.map((weak) => weak.area)).toEqual(["agreement", "geography", "pipeline"]);
  });

  it("gives the next steps of each area's median stage", () => {
    const circle = scoreCircle([member("a", { leads: "basic", pipeline: "proactive" }), member("b", { leads: "reactive", pipeline: "proactive" })]);
    // Leads median 1.5 → Basic steps; Pipeline median 3 → Proactive steps
    expect(circle.weakest).toEqual([
      { area: "leads", stage: "basic", nextSteps: areaById("leads").nextSteps.basic },
      { area: "pipeline", stage: "proactive", nextSteps: areaById("pipeline").nextSteps.proactive },
    ]);
  });

  it("leaves out areas whose median is already Dynamic", () => {
    const circle = scoreCircle([member("a", everyAreaAt("dynamic")), member("b", everyAreaAt("dynamic"))]);
    expect(circle.weakest).toEqual([]);
    expect(circle.overall).toEqual({ score: 4, stage: "dynamic" });
  });
});
