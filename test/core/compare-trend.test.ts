import { describe, expect, it } from "vitest";
import { AREA_IDS } from "../../core/model/index.js";
import {
  InvalidAnswerError,
  levelsOf,
  scoreAssessment,
  scoreCircle,
  selfVsPartners,
  trendBetween,
  type SelfVsPartnersArea,
} from "../../core/scoring/index.js";
import { member } from "./fixtures.js";

function row(rows: readonly SelfVsPartnersArea[], area: SelfVsPartnersArea["area"]): SelfVsPartnersArea | undefined {
  return rows.find((candidate) => candidate.area === area);
}

describe("how we rate ourselves versus how our partners rate us", () => {
  const self = member("contoso", { pipeline: "dynamic", agreement: "reactive", leads: "proactive" });
  const ratings = [
    member("fabrikam", { pipeline: "reactive", agreement: "proactive", geography: "basic" }),
    member("northwind", { pipeline: "basic", agreement: "proactive" }),
  ];
  const rows = selfVsPartners(self, ratings);

  it("covers all ten areas in model order", () => {
    expect(rows.map((candidate) => candidate.area)).toEqual([...AREA_IDS]);
  });

  it("shows a positive gap where we rate ourselves higher than partners do (median of their ratings)", () => {
    expect(row(rows, "pipeline")).toEqual({ area: "pipeline", self: 4, partners: 1.5, raters: 2, gap: 2.5 });
  });

  it("shows a negative gap where partners rate us higher than we do", () => {
    expect(row(rows, "agreement")).toEqual({ area: "agreement", self: 2, partners: 3, raters: 2, gap: -1 });
  });

  it("has no gap where only one side has rated the area", () => {
    expect(row(rows, "leads")).toEqual({ area: "leads", self: 3, partners: undefined, raters: 0, gap: undefined });
    expect(row(rows, "geography")).toEqual({ area: "geography", self: undefined, partners: 1, raters: 1, gap: undefined });
    expect(row(rows, "market-messaging")).toEqual({
      area: "market-messaging",
      self: undefined,
      partners: undefined,
      raters: 0,
      gap: undefined,
    });
  });

  it("works before we have assessed ourselves", () => {
    const withoutSelf = selfVsPartners(undefined, ratings);
    expect(withoutSelf.every((candidate) => candidate.self === undefined && candidate.gap === undefined)).toBe(true);
    expect(row(withoutSelf, "pipeline")).toMatchObject({ partners: 1.5, raters: 2 });
  });

  it("counts Readiness and certifications only in assessments made with a formal vendor program", () => {
    const vendorRows = selfVsPartners(member("contoso", { "readiness-certifications": "dynamic" }, true), [
      member("fabrikam", { "readiness-certifications": "reactive" }, true),
      member("northwind", { "readiness-certifications": "basic" }, false),
    ]);
    expect(row(vendorRows, "readiness-certifications")).toEqual({
      area: "readiness-certifications",
      self: 4,
      partners: 2,
      raters: 1,
      gap: 2,
    });
  });

  it("rejects invalid ratings", () => {
    expect(() => selfVsPartners(undefined, [member("x", { pipeline: "not-applicable" })])).toThrow(InvalidAnswerError);
  });
});

describe("the trend between two cycles", () => {
  const trend = trendBetween(
    { pipeline: 1, agreement: 3, leads: 2, geography: 2 },
    { pipeline: 3, agreement: 2, leads: 2, "market-messaging": 3 },
  );

  it("marks each area up, down, the same, new or dropped, in model order", () => {
    expect(trend.areas).toEqual([
      { area: "pipeline", from: 1, to: 3, change: 2, direction: "up" },
      { area: "agreement", from: 3, to: 2, change: -1, direction: "down" },
      { area: "leads", from: 2, to: 2, change: 0, direction: "same" },
      { area: "market-messaging", from: undefined, to: 3, change: undefined, direction: "new" },
      { area: "geography", from: 2, to: undefined, change: undefined, direction: "dropped" },
    ]);
  });

  it("lists improved and declined areas", () => {
    expect(trend.improved).toEqual(["pipeline"]);
    expect(trend.declined).toEqual(["agreement"]);
  });

  it("gives the overall change like for like: the mean change over areas in both cycles", () => {
    // (+2 − 1 + 0) / 3 = 0.333… → 0.33
    expect(trend.overallChange).toBe(0.33);
  });

  it("has no overall change when the cycles share no area", () => {
    const disjoint = trendBetween({ pipeline: 2 }, { leads: 3 });
    expect(disjoint.overallChange).toBeUndefined();
    expect(disjoint.areas.map((area) => area.direction)).toEqual(["dropped", "new"]);
    expect(disjoint.improved).toEqual([]);
    expect(disjoint.declined).toEqual([]);
  });

  it("is empty between two empty cycles", () => {
    expect(trendBetween({}, {})).toEqual({ areas: [], overallChange: undefined, improved: [], declined: [] });
  });

  it("follows half-level moves in a circle's medians", () => {
    const before = levelsOf(scoreCircle([member("a", { leads: "basic" }), member("b", { leads: "reactive" })]));
    const after = levelsOf(scoreCircle([member("a", { leads: "reactive" }), member("b", { leads: "reactive" })]));
    expect(before).toEqual({ leads: 1.5 });
    expect(trendBetween(before, after).areas).toEqual([{ area: "leads", from: 1.5, to: 2, change: 0.5, direction: "up" }]);
  });
});

describe("levels to compare across cycles", () => {
  it("are the area levels of an assessment, without unanswered or not-applicable areas", () => {
    const result = scoreAssessment({ pipeline: "proactive", leads: "basic", "readiness-certifications": "dynamic" }, { formalVendorProgram: false });
    expect(levelsOf(result)).toEqual({ pipeline: 3, leads: 1 });
  });

  it("are the area medians of a circle", () => {
    const circle = scoreCircle([member("a", { pipeline: "proactive", agreement: "basic" }), member("b", { pipeline: "dynamic" })]);
    expect(levelsOf(circle)).toEqual({ pipeline: 3.5, agreement: 1 });
  });

  it("are empty for an empty circle", () => {
    expect(levelsOf(scoreCircle([]))).toEqual({});
  });
});
