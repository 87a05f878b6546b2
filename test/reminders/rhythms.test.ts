import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { handleReminderCardAction } from "../../reminders/card-actions.js";
import { pauseRhythm, setRhythm, showRhythms } from "../../reminders/rhythms.js";
import { REMINDER_VERBS } from "../../reminders/verbs.js";
import { CHANNEL_ID, goldenCircle, runUntil, startWorld, weeklyRhythm, type World } from "./support.js";

describe("changing and pausing a rhythm", () => {
  let world: World;
  beforeEach(async () => {
    world = await startWorld("2026-03-01T00:00:00Z");
  });
  afterEach(() => world.close());

  it("a changed rhythm reminds at the new time only; reminders planned under the old settings are dropped", async () => {
    const { circleId, contoso } = await goldenCircle(world);
    await setRhythm(world.context, contoso, circleId, weeklyRhythm());
    const changed = await setRhythm(world.context, contoso, circleId, weeklyRhythm({ day: { kind: "weekday", weekday: "thursday" }, time: "14:00" }));
    expect(changed.firstReminder?.due.toISOString()).toBe("2026-03-04T13:00:00.000Z");
    const arrivals = await runUntil(world, world.dispatcher(), "2026-03-10T00:00:00Z");
    expect(arrivals.map((arrival) => arrival.at)).toEqual(["2026-03-04T13:00:00.000Z"]);
    const outcomes = (await world.queue.listOccurrences(circleId)).map((entry) => entry.outcome).sort();
    expect(outcomes).toEqual(["fanned-out", "stale-schedule"]);
  });

  it("a paused rhythm sends nothing; resumed, it starts again from the next meeting", async () => {
    const { circleId, contoso } = await goldenCircle(world);
    await setRhythm(world.context, contoso, circleId, weeklyRhythm());
    const paused = await handleReminderCardAction(world.context, contoso, { verb: REMINDER_VERBS.pauseRhythm, circleId, rhythmKind: "joint-planning" }, { conversationId: CHANNEL_ID });
    expect(paused.message).toBe("Paused: no joint planning meeting reminders until you resume it.");
    expect((await showRhythms(world.context, contoso, circleId)).overviews[0]?.rhythm.paused).toBe(true);
    expect(await runUntil(world, world.dispatcher(), "2026-03-15T00:00:00Z", 3 * 60 * 60 * 1000)).toEqual([]);
    await pauseRhythm(world.context, contoso, circleId, "joint-planning", false);
    const arrivals = await runUntil(world, world.dispatcher(), "2026-03-17T00:00:00Z");
    expect(arrivals.map((arrival) => arrival.at)).toEqual(["2026-03-16T08:00:00.000Z"]);
  });

  it("shows the circle's rhythms with their next date, and which kinds are not set yet", async () => {
    const { circleId, contoso } = await goldenCircle(world);
    await setRhythm(world.context, contoso, circleId, weeklyRhythm({ cadence: "monthly", day: { kind: "nth-weekday", nth: 1, weekday: "tuesday" } }));
    const view = await showRhythms(world.context, contoso, circleId);
    expect(view.overviews.map((overview) => [overview.rhythm.kind, overview.nextOccurrence?.toISOString()])).toEqual([["joint-planning", "2026-03-03T08:00:00.000Z"]]);
    expect(view.missing).toEqual(["executive", "agreement-review", "assessment-cycle"]);
  });
});
