import { afterEach, describe, expect, it } from "vitest";
import { setRhythm } from "../../reminders/rhythms.js";
import { startReminderService, type BackgroundService } from "../../reminders/service.js";
import { startTestServer, type TestServer } from "../support/server.js";
import { circleWithChannel, posts, postsPerConversation, startWorld, weeklyRhythm, type World } from "./support.js";

describe("the dispatcher inside the server", () => {
  let world: World;
  const servers: TestServer[] = [];
  const services: BackgroundService[] = [];
  afterEach(async () => {
    await Promise.all(services.splice(0).map((service) => service.stop()));
    await Promise.all(servers.splice(0).map((server) => server.close()));
    await world.close();
  });

  it("two server instances on the same storage each run the timer, and every reminder is sent exactly once", async () => {
    world = await startWorld("2026-03-01T00:00:00Z");
    const circles = [];
    for (let index = 0; index < 8; index += 1) circles.push(await circleWithChannel(world, index, 2));
    for (const circle of circles) await setRhythm(world.context, circle.founder, circle.circleId, weeklyRhythm());
    for (let instance = 0; instance < 2; instance += 1) {
      const server = await startTestServer({ storage: world.storage, clock: world.clock });
      servers.push(server);
      // One send a second for the channels' tenant keeps the work going long enough for both timers to take part (tenants' lanes otherwise finish these few at once).
      services.push(startReminderService(server.context, { pollIntervalMs: 25, busyPauseMs: 10, owner: `server-${instance}`, perTenantPerSecond: 1 }));
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(posts(world.connector)).toHaveLength(0);
    world.clock.set(new Date("2026-03-02T08:00:00Z"));
    const expected = circles.flatMap((circle) => [circle.channelId, ...circle.chats]);
    for (let waited = 0; waited < 30_000 && posts(world.connector).length < expected.length; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect([...postsPerConversation(world.connector).entries()].sort()).toEqual(expected.map((id) => [id, 1]).sort());
    const owners = new Set((await Promise.all(circles.map((circle) => world.queue.listDeliveries(circle.circleId)))).flat().map((entry) => entry.attempts[0]?.owner));
    expect(owners).toEqual(new Set(["server-0", "server-1"]));
  });

  it("stops cleanly: after stop() nothing more is sent", async () => {
    world = await startWorld("2026-03-01T00:00:00Z");
    const circle = await circleWithChannel(world, 1);
    await setRhythm(world.context, circle.founder, circle.circleId, weeklyRhythm());
    const server = await startTestServer({ storage: world.storage, clock: world.clock });
    servers.push(server);
    const service = startReminderService(server.context, { pollIntervalMs: 25 });
    await new Promise((resolve) => setTimeout(resolve, 100));
    await service.stop();
    world.clock.set(new Date("2026-03-02T08:00:00Z"));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(posts(world.connector)).toHaveLength(0);
    expect((await world.queue.listDue(world.clock.now())).length).toBe(1);
  });
});
