import { describe, expect, it } from "vitest";
import { AREAS, NOT_APPLICABLE, type AreaId } from "../../core/model/index.js";
import { areaCard } from "../../bot/cards/area.js";
import { circlesCard, invitationCard } from "../../bot/cards/circles.js";
import { helpCard } from "../../bot/cards/help.js";
import { BOT_COMMANDS } from "../../bot/commands.js";
import { summaryCard } from "../../bot/cards/summary.js";
import { welcomeCard } from "../../bot/cards/welcome.js";
import { adaptiveCardProblems } from "../support/adaptive-cards.js";
import { BOT_CARDS, circleView, draft, fabrikam, finished, golden, mixed, pendingInvitation } from "./support/card-gallery.js";
import { cardText, choicesOf, type CardJson } from "./support/teams.js";

describe("every card the bot can send", () => {
  it.each(BOT_CARDS)("%s is a valid Adaptive Card 1.5 for Teams", (_name, card) => {
    expect(adaptiveCardProblems(card)).toEqual([]);
  });

  it.each(BOT_CARDS)("%s keeps every button working for clients without Universal Actions", (_name, card) => {
    for (const action of buttonsOf([card.body, card.actions ?? []])) {
      const fallback = action.fallback as Record<string, unknown>;
      expect(fallback.type).toBe("Action.Submit");
      expect(fallback.data).toEqual(action.data);
      expect((action.data as { verb: string }).verb).toBe(action.verb);
    }
  });
});

/** Every Action.Execute a person can press, in the body's rows and the card's actions (not their fallbacks). */
function buttonsOf(value: unknown): Record<string, unknown>[] {
  if (Array.isArray(value)) return value.flatMap(buttonsOf);
  if (!value || typeof value !== "object") return [];
  const { fallback: _fallback, ...node } = value as Record<string, unknown>;
  return [...(node.type === "Action.Execute" ? [value as Record<string, unknown>] : []), ...Object.values(node).flatMap(buttonsOf)];
}

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
  it("lists every command with its argument on the help card, from the command table, and never loses the arguments to Teams' HTML", () => {
    const text = JSON.stringify(helpCard());
    for (const command of BOT_COMMANDS) expect(text).toContain(command.title.replace(/</g, "‹").replace(/>/g, "›"));
    expect(text).not.toMatch(/<[a-z]/);
    expect(text).toContain("invite ‹company› to ‹circle›");
  });

  it("shows the exact text the invited partner types, and who joined under which name", () => {
    expect(cardText(invitationCard(golden, pendingInvitation, "K7QM-2WXA-0000-0000-0000-0000-0000-0000") as unknown as CardJson)).toContain("join K7QM-2WXA-0000-0000-0000-0000-0000-0000");
    const circles = cardText(circlesCard(fabrikam, [circleView()]) as unknown as CardJson);
    expect(circles).toContain("invited as Contoso, joined as Contoso Ltd");
    expect(circles).toContain("Northwind — invited by Fabrikam, valid until 15 November 2026");
  });

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
