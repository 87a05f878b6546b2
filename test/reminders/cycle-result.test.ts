import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCircle, type Actor } from "../../circles/index.js";
import { areaById } from "../../core/model/index.js";
import type { Rhythm } from "../../core/schedule/types.js";
import { circleDashboardLink } from "../../platform/tab-links.js";
import { setRhythm } from "../../reminders/rhythms.js";
import { assertValidAdaptiveCard } from "../support/adaptive-cards.js";
import { CHANNEL_ID, cardOf, cardText, goldenCircle, headingOf, personOf, recordSelfAssessment, runUntil, startWorld, type Arrival, type World } from "./support.js";

const quarterlyCycle: Rhythm = { kind: "assessment-cycle", cadence: "quarterly", day: { kind: "day-of-month", day: 1 }, time: "09:00", timeZone: "Europe/Stockholm", paused: false };
const RESULT_HEADING = "Assessment cycle 2026-Q2: the circle's result";
const tabLinks = { endpoint: "https://pm.example.com", teamsAppId: "teams-app-1" };
const SIX_HOURS = 6 * 60 * 60 * 1000;

async function outcomeOfResult(world: World, circleId: string): Promise<string[]> {
  return (await world.queue.listOccurrences(circleId)).filter((entry) => entry.step === "assessment-result").map((entry) => `${entry.outcome}:${entry.targets}`);
}

describe("when an assessment cycle ends, the circle's channel gets its result", () => {
  let world: World;
  let circleId: string;
  let contoso: Actor;
  let arrivals: Arrival[];
  const results = (): Arrival[] => arrivals.filter((arrival) => headingOf(arrival.call) === RESULT_HEADING);

  beforeAll(async () => {
    world = await startWorld("2026-03-25T00:00:00Z", { tabLinks });
    let fabrikam: Actor;
    ({ circleId, contoso, fabrikam } = await goldenCircle(world, { personalReminders: true }));
    await recordSelfAssessment(world, circleId, contoso, { pipeline: "basic", leads: "reactive" }, new Date("2026-02-10T10:00:00Z"));
    await recordSelfAssessment(world, circleId, fabrikam, { pipeline: "basic", leads: "reactive" }, new Date("2026-02-12T10:00:00Z"));
    await setRhythm(world.context, contoso, circleId, quarterlyCycle);
    arrivals = await runUntil(world, world.dispatcher(), "2026-04-02T00:00:00Z", SIX_HOURS);
    await recordSelfAssessment(world, circleId, contoso, { pipeline: "proactive", leads: "reactive" }, new Date("2026-04-03T09:00:00Z"));
    arrivals.push(...(await runUntil(world, world.dispatcher(), "2026-04-22T00:00:00Z", SIX_HOURS)));
    arrivals.push(...(await runUntil(world, world.dispatcher(), "2026-04-23T00:00:00Z")));
    arrivals.push(...(await runUntil(world, world.dispatcher(), "2026-05-15T00:00:00Z", SIX_HOURS)));
  }, 120_000);

  afterAll(() => world.close());

  it("sends exactly one result card, to the linked channel only, a week after the last nudge", () => {
    expect(results().map((arrival) => [arrival.call.conversationId, arrival.at])).toEqual([[CHANNEL_ID, "2026-04-22T07:00:00.000Z"]]);
    expect(arrivals.filter((arrival) => arrival.call.conversationId !== CHANNEL_ID).map((arrival) => headingOf(arrival.call))).not.toContain(RESULT_HEADING);
    assertValidAdaptiveCard(cardOf(results()[0]!.call), "cycle result");
  });

  it("shows who answered, the circle's result per area, and what moved since the last cycle", () => {
    const text = cardText(results()[0]!.call);
    expect(text).toContain("1 of 2 member companies (1 person)");
    expect(text).toContain("Overall stage: **Reactive**. The circle's areas average 2.00");
    expect(text).toContain('{"title":"Pipeline","value":"Reactive (2.00)"}');
    expect(text).toContain('{"title":"Leads","value":"Reactive (2.00)"}');
    expect(text).toContain("What moved since 2026-Q1");
    expect(text).toContain("**Pipeline** up +1.00: Basic (1.00) → Reactive (2.00)");
    expect(text).toContain("Overall +0.50");
    expect(text).toContain("1 area unchanged.");
    expect(text).toContain("Counted with their answers from an earlier cycle: Fabrikam (2026-Q1).");
  });

  it("names the weakest areas with the seed's advice and links to the circle's tab in the channel", () => {
    const card = cardOf(results()[0]!.call) as { actions?: { type: string; title: string; url?: string }[] };
    const text = cardText(results()[0]!.call);
    expect(text).toContain("Weakest areas: the seed's advice");
    expect(text).toContain("**Pipeline** (circle median: Reactive)");
    expect(text).toContain(JSON.stringify(areaById("pipeline").nextSteps.reactive[0]).slice(1, -1));
    const open = card.actions?.find((action) => action.type === "Action.OpenUrl");
    expect(open?.title).toBe("Open the dashboard");
    const link = new URL(open?.url ?? "");
    expect(`${link.origin}${link.pathname}`).toBe(`https://teams.microsoft.com/l/entity/teams-app-1/circle-${circleId}`);
    expect(link.searchParams.get("webUrl")).toBe(`https://pm.example.com/tab/?circle=${circleId}`);
    expect(JSON.parse(link.searchParams.get("context") ?? "{}")).toEqual({ channelId: CHANNEL_ID });
  });

  it("records the result as sent to one target", async () => {
    expect(await outcomeOfResult(world, circleId)).toEqual(["fanned-out:1"]);
  });
});

describe("no result card when there is nothing to show or nowhere to show it", () => {
  it("sends none when no member assessed in the cycle", async () => {
    const world = await startWorld("2026-03-25T00:00:00Z", { tabLinks });
    try {
      const { circleId, contoso } = await goldenCircle(world, { personalReminders: true });
      await recordSelfAssessment(world, circleId, contoso, { pipeline: "basic" }, new Date("2026-02-10T10:00:00Z"));
      await setRhythm(world.context, contoso, circleId, quarterlyCycle);
      const arrivals = await runUntil(world, world.dispatcher(), "2026-04-25T00:00:00Z", SIX_HOURS);
      expect(arrivals.map((arrival) => headingOf(arrival.call))).not.toContain(RESULT_HEADING);
      expect(await outcomeOfResult(world, circleId)).toEqual(["nobody-assessed:0"]);
    } finally {
      await world.close();
    }
  }, 120_000);

  it("sends none to anyone's personal chat when the circle has no linked channel", async () => {
    const world = await startWorld("2026-03-25T00:00:00Z", { tabLinks });
    try {
      const founder = await personOf(world, "Contoso", "ada", { personalReminders: true });
      const circle = await createCircle(world.context, founder, "Unlinked Circle");
      await setRhythm(world.context, founder, circle.circleId, quarterlyCycle);
      await recordSelfAssessment(world, circle.circleId, founder, { pipeline: "basic" }, new Date("2026-04-02T10:00:00Z"));
      const arrivals = await runUntil(world, world.dispatcher(), "2026-04-25T00:00:00Z", SIX_HOURS);
      expect(arrivals.map((arrival) => [arrival.call.conversationId, headingOf(arrival.call)])).toEqual([["a:chat-ada", "Time to re-assess"]]);
      expect(await outcomeOfResult(world, circle.circleId)).toEqual(["no-targets:0"]);
    } finally {
      await world.close();
    }
  }, 120_000);
});

describe("where 'Open the dashboard' goes", () => {
  const circle = { circleId: "c 1", name: "Golden Circle" };

  it("opens the web dashboard when the circle is linked to a group chat or the Teams app id is not configured", () => {
    expect(circleDashboardLink(tabLinks, circle, undefined)).toBe("https://pm.example.com/tab/?circle=c%201");
    expect(circleDashboardLink({ endpoint: "http://127.0.0.1:3978", teamsAppId: undefined }, circle, CHANNEL_ID)).toBe("http://127.0.0.1:3978/tab/?circle=c%201");
  });
});
