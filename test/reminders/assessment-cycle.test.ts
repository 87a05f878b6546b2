import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inviteCompany, redeemInvitation, type Actor } from "../../circles/index.js";
import { setRhythm } from "../../reminders/rhythms.js";
import { assertValidAdaptiveCard } from "../support/adaptive-cards.js";
import { CHANNEL_ID, cardOf, cardText, goldenCircle, headingOf, personOf, recordSelfAssessment, runUntil, startWorld, type Arrival, type World } from "./support.js";
import type { Rhythm } from "../../core/schedule/types.js";

const quarterlyCycle: Rhythm = { kind: "assessment-cycle", cadence: "quarterly", day: { kind: "day-of-month", day: 1 }, time: "09:00", timeZone: "Europe/Stockholm", paused: false };
const answers = { pipeline: "reactive", leads: "reactive" } as const;

describe("an assessment cycle: an invitation to all, then nudges only to members who have not answered", () => {
  let world: World;
  let circleId: string;
  let contoso: Actor;
  let fabrikam: Actor;
  let northwind: Actor;
  const arrivals: Arrival[] = [];
  const to = (conversationId: string): Arrival[] => arrivals.filter((arrival) => arrival.call.conversationId === conversationId);

  beforeAll(async () => {
    world = await startWorld("2026-03-25T00:00:00Z");
    ({ circleId, contoso, fabrikam } = await goldenCircle(world, { personalReminders: true }));
    northwind = await personOf(world, "Northwind", "cy", { personalReminders: true });
    const { code } = await inviteCompany(world.context, contoso, circleId, "Northwind");
    await redeemInvitation(world.context, northwind, code);
    await recordSelfAssessment(world, circleId, northwind, answers, new Date("2026-02-20T10:00:00Z"));
    await setRhythm(world.context, contoso, circleId, quarterlyCycle);
  }, 60_000);

  afterAll(() => world.close());

  it("invites every member, in the channel and in each opted-in person's chat, when the cycle starts", async () => {
    arrivals.push(...(await runUntil(world, world.dispatcher(), "2026-04-02T00:00:00Z")));
    for (const conversation of [CHANNEL_ID, "a:chat-ada", "a:chat-bo", "a:chat-cy"]) expect(to(conversation).map((arrival) => arrival.at)).toEqual(["2026-04-01T07:00:00.000Z"]);
    const invitation = to(CHANNEL_ID)[0]!.call;
    assertValidAdaptiveCard(cardOf(invitation), "assessment invitation");
    expect(headingOf(invitation)).toBe("Time to re-assess");
  });

  it("nudges a week later only the companies that have not assessed since the cycle started", async () => {
    await recordSelfAssessment(world, circleId, contoso, answers, new Date("2026-04-03T09:00:00Z"));
    arrivals.push(...(await runUntil(world, world.dispatcher(), "2026-04-09T00:00:00Z")));
    expect(to("a:chat-ada")).toHaveLength(1);
    expect(to("a:chat-bo").map((arrival) => arrival.at)).toEqual(["2026-04-01T07:00:00.000Z", "2026-04-08T07:00:00.000Z"]);
    expect(to("a:chat-cy").map((arrival) => arrival.at)).toEqual(["2026-04-01T07:00:00.000Z", "2026-04-08T07:00:00.000Z"]);
    const channelNudge = to(CHANNEL_ID)[1]!.call;
    expect(headingOf(channelNudge)).toBe("Reminder 1 of 2: assessment still open");
    expect(cardText(channelNudge)).toContain("Still waiting for: Fabrikam, Northwind.");
    expect(cardText(channelNudge)).not.toContain("Contoso");
  });

  it("sends the second and last nudge only to who is still missing, then only the cycle's result in the channel until the next cycle", async () => {
    await recordSelfAssessment(world, circleId, fabrikam, answers, new Date("2026-04-10T09:00:00Z"));
    arrivals.push(...(await runUntil(world, world.dispatcher(), "2026-04-16T00:00:00Z")));
    expect(to("a:chat-bo")).toHaveLength(2);
    expect(to("a:chat-cy").map((arrival) => arrival.at)).toEqual(["2026-04-01T07:00:00.000Z", "2026-04-08T07:00:00.000Z", "2026-04-15T07:00:00.000Z"]);
    expect(cardText(to(CHANNEL_ID)[2]!.call)).toContain("Still waiting for: Northwind.");
    expect(headingOf(to(CHANNEL_ID)[2]!.call)).toBe("Reminder 2 of 2: assessment still open");
    const before = arrivals.length;
    arrivals.push(...(await runUntil(world, world.dispatcher(), "2026-06-30T00:00:00Z", 6 * 60 * 60 * 1000)));
    expect(arrivals.slice(before).map((arrival) => [arrival.call.conversationId, arrival.at, headingOf(arrival.call)])).toEqual([[CHANNEL_ID, "2026-04-22T12:00:00.000Z", "Assessment cycle 2026-Q2: the circle's result"]]); // due 07:00 UTC, the clock moves in 6-hour steps
  });

  it("invites everyone again when the next cycle starts", async () => {
    arrivals.push(...(await runUntil(world, world.dispatcher(), "2026-07-02T00:00:00Z")));
    expect(to(CHANNEL_ID).map((arrival) => headingOf(arrival.call))).toEqual([
      "Time to re-assess",
      "Reminder 1 of 2: assessment still open",
      "Reminder 2 of 2: assessment still open",
      "Assessment cycle 2026-Q2: the circle's result",
      "Time to re-assess",
    ]);
    expect(to("a:chat-ada")).toHaveLength(2);
  });
});

describe("a cycle where every member answers within the first week", () => {
  it("sends no nudge at all", async () => {
    const world = await startWorld("2026-03-31T00:00:00Z");
    try {
      const { circleId, contoso, fabrikam } = await goldenCircle(world, { personalReminders: true });
      await setRhythm(world.context, contoso, circleId, quarterlyCycle);
      const arrivals = await runUntil(world, world.dispatcher(), "2026-04-02T00:00:00Z");
      await recordSelfAssessment(world, circleId, contoso, answers, new Date("2026-04-02T09:00:00Z"));
      await recordSelfAssessment(world, circleId, fabrikam, answers, new Date("2026-04-03T09:00:00Z"));
      arrivals.push(...(await runUntil(world, world.dispatcher(), "2026-04-20T00:00:00Z", 3 * 60 * 60 * 1000)));
      expect(arrivals.map((arrival) => headingOf(arrival.call))).toEqual(["Time to re-assess", "Time to re-assess", "Time to re-assess"]);
      const outcomes = (await world.queue.listOccurrences(circleId)).map((entry) => `${entry.step}:${entry.outcome}`);
      expect(outcomes).toEqual(expect.arrayContaining(["assessment-nudge-1:everyone-answered", "assessment-nudge-2:everyone-answered"]));
    } finally {
      await world.close();
    }
  });
});
