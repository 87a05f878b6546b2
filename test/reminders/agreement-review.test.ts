import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handleReminderCardAction } from "../../reminders/card-actions.js";
import type { Actor } from "../../circles/index.js";
import { setRhythm } from "../../reminders/rhythms.js";
import { REMINDER_VERBS } from "../../reminders/verbs.js";
import type { Rhythm } from "../../core/schedule/types.js";
import { assertValidAdaptiveCard } from "../support/adaptive-cards.js";
import { buttonData, CHANNEL_ID, cardOf, goldenCircle, headingOf, runUntil, startWorld, type Arrival, type World } from "./support.js";

const yearlyReview: Rhythm = { kind: "agreement-review", cadence: "yearly", day: { kind: "day-of-month", day: 15, month: 4 }, time: "10:00", timeZone: "America/Los_Angeles", paused: false };

describe("the yearly agreement review", () => {
  let world: World;
  let circleId: string;
  let contoso: Actor;
  const arrivals: Arrival[] = [];
  const channel = (): Arrival[] => arrivals.filter((arrival) => arrival.call.conversationId === CHANNEL_ID);

  beforeAll(async () => {
    world = await startWorld("2026-03-01T00:00:00Z");
    ({ circleId, contoso } = await goldenCircle(world));
    await setRhythm(world.context, contoso, circleId, yearlyReview);
  }, 60_000);

  afterAll(() => world.close());

  it("is announced 30 days ahead, at the review's local time of day", async () => {
    arrivals.push(...(await runUntil(world, world.dispatcher(), "2026-03-16T20:00:00Z")));
    expect(channel().map((arrival) => arrival.at)).toEqual(["2026-03-16T17:00:00.000Z"]);
    assertValidAdaptiveCard(cardOf(channel()[0]!.call), "review notice");
    expect(headingOf(channel()[0]!.call)).toBe("Yearly agreement review in 30 days");
  });

  it("comes back a full day later when snoozed", async () => {
    const answer = await handleReminderCardAction(world.context, contoso, buttonData(channel()[0]!.call, REMINDER_VERBS.snooze), { conversationId: CHANNEL_ID });
    expect(answer.message).toBe("Snoozed: I'll remind you again on Tuesday, 17 March 2026, 13:00 (America/Los_Angeles).");
    arrivals.push(...(await runUntil(world, world.dispatcher(), "2026-03-18T00:00:00Z")));
    expect(channel().map((arrival) => arrival.at)).toEqual(["2026-03-16T17:00:00.000Z", "2026-03-17T20:00:00.000Z"]);
  });

  it("is announced again on the day, and next year's notice is already planned", async () => {
    arrivals.push(...(await runUntil(world, world.dispatcher(), "2026-04-16T00:00:00Z", 3 * 60 * 60 * 1000)));
    expect(channel().at(-1)?.at).toBe("2026-04-15T18:00:00.000Z");
    expect(headingOf(channel().at(-1)!.call)).toBe("Yearly agreement review today");
    await handleReminderCardAction(world.context, contoso, buttonData(channel().at(-1)!.call, REMINDER_VERBS.held), { conversationId: CHANNEL_ID });
    const meetings = (await world.repositories.circles.listMeetings(circleId)).map((row) => row.data);
    expect(meetings).toMatchObject([{ rhythmKind: "agreement-review", plannedFor: "2026-04-15T17:00:00.000Z", status: "held" }]);
    const queued = (await world.queue.listAll()).map((row) => row.data);
    expect(queued).toMatchObject([{ type: "occurrence", step: "review-notice", due: "2027-03-16T17:00:00.000Z", occurrence: "2027-04-15T17:00:00.000Z" }]);
  });
});
