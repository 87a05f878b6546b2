import { afterEach, describe, expect, it } from "vitest";
import { setRhythm } from "../../reminders/rhythms.js";
import { goldenCircle, posts, startWorld, weeklyRhythm, type World } from "./support.js";

describe("preparing a reminder before it is due", () => {
  let world: World;
  afterEach(() => world.close());

  it("resolves targets and renders the cards ahead, then sends at the due time and not before", async () => {
    world = await startWorld("2026-03-01T00:00:00Z");
    const { circleId, contoso } = await goldenCircle(world);
    await setRhythm(world.context, contoso, circleId, weeklyRhythm());
    const dispatcher = world.dispatcher({ prepareAheadMs: 10 * 60_000 });
    world.clock.set(new Date("2026-03-02T07:45:00Z"));
    expect((await dispatcher.runOnce()).fannedOut).toBe(0);
    world.clock.set(new Date("2026-03-02T07:52:00Z"));
    expect((await dispatcher.runOnce()).fannedOut).toBe(1);
    expect(posts(world.connector)).toHaveLength(0);
    expect((await world.queue.listAll()).map((row) => [row.data.type, row.data.due])).toEqual([
      ["delivery", "2026-03-02T08:00:00.000Z"],
      ["occurrence", "2026-03-09T08:00:00.000Z"],
    ]);
    world.clock.set(new Date("2026-03-02T07:59:59Z"));
    await dispatcher.runOnce();
    expect(posts(world.connector)).toHaveLength(0);
    world.clock.set(new Date("2026-03-02T08:00:00Z"));
    expect((await dispatcher.runOnce()).sent).toBe(1);
    expect(posts(world.connector)).toHaveLength(1);
  });
});
