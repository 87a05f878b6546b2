import { describe, expect, it } from "vitest";
import { AREAS, NOT_APPLICABLE, type Answers, type AreaId } from "../../core/model/index.js";
import type { DraftRecord } from "../../storage/index.js";
import { areaCard } from "../../bot/cards/area.js";
import { companyCard } from "../../bot/cards/company.js";
import type { AdaptiveCard } from "../../bot/cards/elements.js";
import { helpCard, partnerNameCard } from "../../bot/cards/help.js";
import { savedCard } from "../../bot/cards/notices.js";
import { partnerVerdictCard, summaryCard, type FinishedAssessment } from "../../bot/cards/summary.js";
import { welcomeCard } from "../../bot/cards/welcome.js";
import { adaptiveCardProblems } from "../support/adaptive-cards.js";
import { cardText, choicesOf, type CardJson } from "./support/teams.js";

const fabrikam = { companyId: "fabrikam", companyName: "Fabrikam" };
const contoso = { companyId: "contoso", companyName: "Contoso" };
const run = { for: "aad-ada", run: "run-1", kind: "self" as const };

function draft(overrides: Partial<DraftRecord> = {}): DraftRecord {
  return {
    runId: "run-1",
    kind: "self",
    person: { tenantId: "t", userId: "aad-ada", name: "Ada" },
    rater: fabrikam,
    subject: fabrikam,
    formalVendorProgram: true,
    answers: {},
    status: "in-progress",
    startedAt: "2026-11-02T09:00:00.000Z",
    updatedAt: "2026-11-02T09:00:00.000Z",
    ...overrides,
  };
}

function allAt(stage: "basic" | "reactive" | "proactive" | "dynamic"): Answers {
  return Object.fromEntries(AREAS.map((area) => [area.id, stage])) as Answers;
}

const mixed: Answers = { ...allAt("proactive"), pipeline: "basic", leads: "basic", agreement: "reactive", "readiness-certifications": NOT_APPLICABLE };
const finished = (answers: Answers, kind: "self" | "partner" = "self"): FinishedAssessment => ({
  kind,
  rater: fabrikam,
  subject: kind === "self" ? fabrikam : contoso,
  formalVendorProgram: true,
  answers,
  cycle: "2026-Q4",
});

/** Every card the bot can send, in each of its variants. */
const EVERY_CARD: readonly [string, AdaptiveCard][] = [
  ["welcome (personal chat)", welcomeCard("personal")],
  ["welcome (group chat)", welcomeCard("groupChat")],
  ["help", helpCard()],
  ["help after text it did not understand", helpCard({ notice: "Sorry, I didn't understand that." })],
  ["which partner to rate", partnerNameCard()],
  ["company (first assessment)", companyCard({ for: "aad-ada", draft: { kind: "self" }, askOwnCompany: true })],
  ["company (remembered)", companyCard({ for: "aad-ada", draft: { kind: "self" }, askOwnCompany: true, companyName: "Fabrikam", vendorProgram: true, previousRun: "run-0", notice: "You finished one." })],
  ["company (start over)", companyCard({ for: "aad-ada", draft: { kind: "self" }, askOwnCompany: true, companyName: "Fabrikam", previousRun: "run-1", restart: true, notice: "Starting over clears 3 answers." })],
  ["company (partner, own company unknown)", companyCard({ for: "aad-ada", draft: { kind: "partner", subject: "contoso" }, subject: contoso, askOwnCompany: true })],
  ["area 1", areaCard({ draft: draft(), area: "joint-business-planning" })],
  ["area in the middle, answered before", areaCard({ draft: draft({ answers: { "joint-business-planning": "basic", pipeline: "dynamic" } }), area: "pipeline" })],
  ["area 10 (may not apply)", areaCard({ draft: draft({ answers: allAt("basic") }), area: "readiness-certifications" })],
  ["area resumed (start over offered)", areaCard({ draft: draft(), area: "agreement", notice: "Welcome back", offerStartOver: true })],
  ["area being changed from the summary", areaCard({ draft: draft({ status: "completed", answers: allAt("basic"), editing: "leads" }), area: "leads", edit: true })],
  ["area of a partner rating", areaCard({ draft: draft({ kind: "partner", subject: contoso }), area: "leads" })],
  ["saved for later", savedCard({ answered: 3, total: 10, run })],
  ["summary", summaryCard({ assessment: finished(mixed), run, sharedWith: [{ circleId: "nordic", name: "Nordic Alliance" }] })],
  ["summary shared with two circles", summaryCard({ assessment: finished(mixed), run, sharedWith: [{ circleId: "nordic", name: "Nordic Alliance" }, { circleId: "golden", name: "Golden Circle" }] })],
  ["summary, every area Dynamic", summaryCard({ assessment: finished(allAt("dynamic")), run, sharedWith: [] })],
  ["summary from results (read only)", summaryCard({ assessment: finished(mixed), notice: "Your latest finished result:" })],
  ["partner verdict: partner-friendly", partnerVerdictCard({ assessment: finished(allAt("proactive"), "partner"), run: { ...run, kind: "partner", subject: "contoso" }, sharedWith: [{ circleId: "nordic", name: "Nordic Alliance" }] })],
  ["partner verdict: getting there", partnerVerdictCard({ assessment: finished({ ...allAt("reactive"), pipeline: "proactive" }, "partner") })],
  ["partner verdict: not yet", partnerVerdictCard({ assessment: finished(allAt("basic"), "partner"), sharedWith: [] })],
];

describe("every card the bot can send", () => {
  it.each(EVERY_CARD)("%s is a valid Adaptive Card 1.5 for Teams", (_name, card) => {
    expect(adaptiveCardProblems(card)).toEqual([]);
  });

  it.each(EVERY_CARD)("%s keeps every button working for clients without Universal Actions", (_name, card) => {
    for (const action of card.actions ?? []) {
      expect(action.type).toBe("Action.Execute");
      const fallback = action.fallback as Record<string, unknown>;
      expect(fallback.type).toBe("Action.Submit");
      expect(fallback.data).toEqual(action.data);
      expect((action.data as { verb: string }).verb).toBe(action.verb);
    }
  });
});

describe("the card checker itself", () => {
  const valid = welcomeCard("personal");

  it("reports a button without a verb, which Teams would drop", () => {
    const broken = { ...valid, actions: [{ type: "Action.Execute", title: "Go", data: {} }] };
    expect(adaptiveCardProblems(broken).join("\n")).toMatch(/has no verb/);
  });

  it("reports an input without an id, an unknown element and a version Teams does not render", () => {
    const broken = { ...valid, version: "1.6", body: [{ type: "Input.Text" }, { type: "Widget.Spinner" }] };
    const problems = adaptiveCardProblems(broken).join("\n");
    expect(problems).toMatch(/has no id/);
    expect(problems).toMatch(/Unknown element type "Widget.Spinner"/);
    expect(problems).toMatch(/Teams renders 1.5/);
  });
});

describe("what the cards say", () => {
  it("shows progress as 'Area n of total' with a bar of answered areas", () => {
    const card = areaCard({ draft: draft({ answers: { "joint-business-planning": "basic", pipeline: "basic" } }), area: "agreement" }) as unknown as CardJson;
    const text = cardText(card);
    expect(text).toContain("Area 3 of 10 · 2 answered");
    expect(text).toContain("▰▰▱▱▱▱▱▱▱▱");
  });

  it("takes the area's name, why and stage sentences from the model", () => {
    const leads = AREAS.find((area) => area.id === "leads");
    const text = cardText(areaCard({ draft: draft(), area: "leads" }) as unknown as CardJson);
    expect(text).toContain(leads?.name);
    expect(text).toContain(leads?.why);
    for (const sentence of Object.values(leads?.stages ?? {})) expect(text).toContain(sentence);
  });

  it("offers 'does not apply' only on areas whose applicability allows it", () => {
    for (const area of AREAS) {
      const choices = choicesOf(areaCard({ draft: draft(), area: area.id as AreaId }) as unknown as CardJson, "stage");
      expect(choices.includes(NOT_APPLICABLE)).toBe(area.applicability !== "all");
    }
  });

  it("lists the three weakest areas with the model's next steps on the summary", () => {
    const text = cardText(summaryCard({ assessment: finished(mixed) }) as unknown as CardJson);
    for (const id of ["pipeline", "leads", "agreement"] as const) {
      const area = AREAS.find((candidate) => candidate.id === id);
      expect(text).toContain(`**${area?.name}**`);
    }
    expect(text).toContain(AREAS.find((area) => area.id === "pipeline")?.nextSteps.basic[0]);
    expect(text).toContain("Proactive in most areas");
  });
});
