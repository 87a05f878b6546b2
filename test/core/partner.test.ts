import { describe, expect, it } from "vitest";
import type { Answers } from "../../core/model/index.js";
import {
  PARTNER_FRIENDLY_MIN_RATED_TRUST_AREAS,
  PARTNER_FRIENDLY_MIN_SCORE,
  TRUST_AREAS,
  partnerFriendlinessVerdict,
} from "../../core/scoring/index.js";
import { everyAreaAt } from "./fixtures.js";

const noVendorProgram = { formalVendorProgram: false };

describe("the two-way street areas", () => {
  it("are Pipeline, Agreement, Leads, Resource utilization and Customer relationship", () => {
    expect(TRUST_AREAS).toEqual(["pipeline", "agreement", "leads", "resource-utilization", "customer-relationship"]);
  });
});

describe("a partner-friendly company", () => {
  const answers: Answers = { ...everyAreaAt("reactive"), ...everyAreaAt("proactive", TRUST_AREAS) };
  const verdict = partnerFriendlinessVerdict(answers, noVendorProgram);

  it("is Proactive-ish overall with no two-way area at Basic", () => {
    expect(verdict.result.overall).toEqual({ score: 2.56, stage: "reactive" });
    expect(verdict.verdict).toBe("partner-friendly");
  });

  it("explains the verdict first and names its strengths", () => {
    expect(verdict.reasons[0]).toBe(
      "Partner-friendly: overall maturity is Reactive (2.56 of 4), at least the 2.5 needed, and none of the two-way areas is Basic.",
    );
    expect(verdict.reasons).toContain("Pipeline is Proactive: they share their pipeline and opportunities flow both ways.");
    expect(verdict.reasons).toContain("Agreement is Proactive: they offer a two-way agreement signed by senior people.");
    expect(verdict.reasons).toHaveLength(1 + TRUST_AREAS.length);
  });

  it("is reached exactly at the minimum overall score", () => {
    expect(PARTNER_FRIENDLY_MIN_SCORE).toBe(2.5);
    const atBoundary: Answers = { pipeline: "proactive", agreement: "reactive", leads: "proactive", "resource-utilization": "reactive" };
    const result = partnerFriendlinessVerdict(atBoundary, noVendorProgram);
    expect(result.result.overall?.score).toBe(2.5);
    expect(result.verdict).toBe("partner-friendly");
  });
});

describe("a company that is not yet partner-friendly", () => {
  it("is Basic overall", () => {
    const verdict = partnerFriendlinessVerdict(everyAreaAt("basic"), noVendorProgram);
    expect(verdict.verdict).toBe("not-yet-partner-friendly");
    expect(verdict.reasons[0]).toMatch(/^Not yet partner-friendly: overall maturity is Basic \(1\.00 of 4\)/);
    expect(verdict.reasons).toContain("Pipeline is Basic: they take opportunities but rarely give them back.");
    expect(verdict.reasons).toContain("Customer relationship is Basic: customer problems are left to whoever caused them.");
  });

  it("has two or more two-way areas at Basic, however strong the rest is", () => {
    const answers: Answers = { ...everyAreaAt("dynamic"), pipeline: "basic", leads: "basic" };
    const verdict = partnerFriendlinessVerdict(answers, noVendorProgram);
    expect(verdict.result.overall).toEqual({ score: 3.33, stage: "proactive" });
    expect(verdict.verdict).toBe("not-yet-partner-friendly");
    expect(verdict.reasons[0]).toBe(
      "Not yet partner-friendly: 2 of the two-way areas are Basic (Pipeline, Leads), and partnering is a two-way street.",
    );
  });

  it("names the weakest two-way areas first and still mentions the strengths", () => {
    const answers: Answers = { ...everyAreaAt("dynamic"), pipeline: "basic", leads: "basic" };
    const { reasons } = partnerFriendlinessVerdict(answers, noVendorProgram);
    expect(reasons.slice(1)).toEqual([
      "Pipeline is Basic: they take opportunities but rarely give them back.",
      "Leads is Basic: their leads are often attempts to resell with no real customer behind them.",
      "Agreement is Dynamic: their two-way, non-exclusive agreements are reviewed every year.",
      "Resource utilization is Dynamic: they share their bench openly and give their circle of trust priority.",
      "Customer relationship is Dynamic: they take shared responsibility for every customer, whoever is at fault.",
    ]);
  });
});

describe("a company that is getting there", () => {
  it("is Reactive overall with no Basic two-way area", () => {
    const verdict = partnerFriendlinessVerdict(everyAreaAt("reactive"), noVendorProgram);
    expect(verdict.verdict).toBe("getting-there");
    expect(verdict.reasons[0]).toBe(
      "Getting there: overall maturity is Reactive (2.00 of 4), and partner-friendly needs an overall of at least 2.5.",
    );
    expect(verdict.reasons).toContain("Leads is Reactive: they pass on real leads when a customer asks, without an agreed process.");
  });

  it("is strong overall but still has one two-way area at Basic", () => {
    const answers: Answers = { ...everyAreaAt("dynamic"), agreement: "basic" };
    const verdict = partnerFriendlinessVerdict(answers, noVendorProgram);
    expect(verdict.result.overall).toEqual({ score: 3.67, stage: "proactive" });
    expect(verdict.verdict).toBe("getting-there");
    expect(verdict.reasons[0]).toBe("Getting there: Agreement is still Basic.");
    expect(verdict.reasons[1]).toBe("Agreement is Basic: nothing about the partnership is written down.");
  });

  it("has too few two-way areas rated to judge, however strong the rest is", () => {
    expect(PARTNER_FRIENDLY_MIN_RATED_TRUST_AREAS).toBe(3);
    const answers: Answers = { ...everyAreaAt("dynamic", ["joint-business-planning", "market-messaging", "geography"]), pipeline: "proactive", agreement: "dynamic" };
    const verdict = partnerFriendlinessVerdict(answers, noVendorProgram);
    expect(verdict.verdict).toBe("getting-there");
    expect(verdict.reasons[0]).toBe(
      "Getting there: only 2 of the 5 two-way areas are rated, too few to judge the two-way street.",
    );
  });

  it("is the verdict when nothing has been rated yet, and says so", () => {
    const verdict = partnerFriendlinessVerdict({}, noVendorProgram);
    expect(verdict.verdict).toBe("getting-there");
    expect(verdict.reasons[0]).toBe(
      "Getting there: no area has been rated yet, and partner-friendly needs an overall of at least 2.5; only 0 of the 5 two-way areas are rated, too few to judge the two-way street.",
    );
    expect(verdict.reasons[1]).toMatch(/^9 applicable areas are not rated yet \(Joint business planning, .*\), so this verdict rests on the 0 rated\.$/);
  });
});

describe("an incomplete peer assessment", () => {
  it("still gets a verdict on what is answered, and says how many areas are not rated", () => {
    const answers: Answers = { ...everyAreaAt("proactive"), geography: undefined, "market-messaging": undefined };
    const verdict = partnerFriendlinessVerdict(answers, noVendorProgram);
    expect(verdict.verdict).toBe("partner-friendly");
    expect(verdict.result.complete).toBe(false);
    expect(verdict.reasons.at(-1)).toBe(
      "2 applicable areas are not rated yet (Market messaging, Geography), so this verdict rests on the 7 rated.",
    );
  });

  it("uses the singular for one missing area, including Readiness for a vendor-program company", () => {
    const verdict = partnerFriendlinessVerdict(everyAreaAt("proactive"), { formalVendorProgram: true });
    expect(verdict.reasons.at(-1)).toBe(
      "1 applicable area is not rated yet (Readiness and certifications), so this verdict rests on the 9 rated.",
    );
  });
});

describe("every verdict", () => {
  it("always comes with reasons", () => {
    const samples: Answers[] = [{}, everyAreaAt("basic"), everyAreaAt("reactive"), everyAreaAt("dynamic"), { geography: "basic" }];
    for (const answers of samples) {
      expect(partnerFriendlinessVerdict(answers, noVendorProgram).reasons.length).toBeGreaterThan(0);
    }
  });
});
