import { afterEach, describe, expect, it } from "vitest";
import { setRhythm } from "../../reminders/rhythms.js";
import type { ReminderSender } from "../../reminders/sender.js";
import type { QueueItem } from "../../reminders/queue.js";
import { createDispatcher } from "../../reminders/dispatcher.js";
import { circleWithChannel, drain, goldenCircle, posts, postsPerConversation, startWorld, weeklyRhythm, type World } from "./support.js";

const MONDAY_REMINDER = new Date("2026-03-02T08:00:00Z");
const LEASE_MS = 60_000;

async function eventually(condition: () => Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error("condition not reached");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A sender that takes the message and never answers: the process died while sending. `sending.started` tells that the send began. */
function dyingSender(world: World, options: { reachesTeams: boolean; sending?: { started: boolean } }): ReminderSender {
  return {
    send: async (address, activity) => {
      if (options.sending) options.sending.started = true;
      if (options.reachesTeams) await world.sender.send(address, activity);
      return new Promise(() => undefined);
    },
    createPersonalChat: () => new Promise(() => undefined),
  };
}

describe("two dispatcher instances on the same storage", () => {
  let world: World;
  afterEach(() => world.close());

  it("send every reminder exactly once, to every channel and opted-in person", async () => {
    world = await startWorld("2026-03-01T00:00:00Z");
    const circles = [];
    for (let index = 0; index < 12; index += 1) circles.push(await circleWithChannel(world, index, 3));
    for (const circle of circles) await setRhythm(world.context, circle.founder, circle.circleId, weeklyRhythm());
    world.clock.set(MONDAY_REMINDER);
    const [first, second] = [world.dispatcher({ owner: "instance-a", random: Math.random }), world.dispatcher({ owner: "instance-b", random: Math.random })];
    const [a, b] = await Promise.all([drain(first), drain(second)]);
    const expected = circles.flatMap((circle) => [circle.channelId, ...circle.chats]);
    expect(posts(world.connector)).toHaveLength(expected.length);
    expect([...postsPerConversation(world.connector).entries()].sort()).toEqual(expected.map((id) => [id, 1]).sort());
    const sentBy = (summaries: typeof a) => summaries.reduce((sum, summary) => sum + summary.sent, 0);
    expect(sentBy(a) + sentBy(b)).toBe(expected.length);
    expect(sentBy(a)).toBeGreaterThan(0);
    expect(sentBy(b)).toBeGreaterThan(0);
  });
});

describe("an instance that dies in the middle of its work", () => {
  let world: World;
  afterEach(() => world.close());

  async function dueReminder(): Promise<string> {
    world = await startWorld("2026-03-01T00:00:00Z");
    const { circleId, contoso } = await goldenCircle(world);
    await setRhythm(world.context, contoso, circleId, weeklyRhythm());
    world.clock.set(MONDAY_REMINDER);
    return circleId;
  }

  it("after claiming a reminder but before sending it: another instance sends it once, after the claim runs out", async () => {
    const circleId = await dueReminder();
    await world.dispatcher({ concurrency: 0 }).runOnce();
    const [delivery] = await world.queue.listDue(world.clock.now());
    expect(delivery?.data.type).toBe("delivery");
    expect(await world.queue.claim(delivery!, "died-after-claim", world.clock.now(), LEASE_MS)).toBeDefined();
    const survivor = world.dispatcher({ owner: "survivor", leaseMs: LEASE_MS });
    expect((await survivor.runOnce()).due).toBe(0);
    world.clock.advance(LEASE_MS + 1);
    await drain(survivor);
    expect(posts(world.connector)).toHaveLength(1);
    const [entry] = await world.queue.listDeliveries(circleId);
    expect(entry).toMatchObject({ outcome: "sent" });
    expect(entry?.sentAgainAfterInterruptedSend).toBeUndefined();
  });

  it("after claiming a due reminder but before fanning it out: another instance fans it out and sends it once", async () => {
    await dueReminder();
    const [due] = await world.queue.listDue(world.clock.now());
    expect(await world.queue.claim(due!, "died-after-claim", world.clock.now(), LEASE_MS)).toBeDefined();
    const survivor = world.dispatcher({ leaseMs: LEASE_MS });
    await drain(survivor);
    expect(posts(world.connector)).toHaveLength(0);
    world.clock.advance(LEASE_MS + 1);
    await drain(survivor);
    expect(posts(world.connector)).toHaveLength(1);
    expect((await world.queue.listAll()).map((row) => row.data.type)).toEqual(["occurrence"]);
  });

  it("in the middle of a send that never left: it is sent again, once", async () => {
    const circleId = await dueReminder();
    const sending = { started: false };
    const dying = createDispatcher({ context: world.context, sender: dyingSender(world, { reachesTeams: false, sending }) }, { owner: "dying", leaseMs: LEASE_MS });
    void dying.runOnce();
    await eventually(async () => sending.started && (await world.queue.listAll()).some((row) => row.data.type === "delivery" && row.data.lease?.sendingSince !== undefined));
    world.clock.advance(LEASE_MS + 1);
    await drain(world.dispatcher({ leaseMs: LEASE_MS }));
    expect(posts(world.connector)).toHaveLength(1);
    expect(await world.queue.listDeliveries(circleId)).toMatchObject([{ outcome: "sent", sentAgainAfterInterruptedSend: true }]);
  });

  it("in the middle of a send that reached Teams: it is sent again, and the log marks the possible duplicate (the documented limit)", async () => {
    const circleId = await dueReminder();
    const dying = createDispatcher({ context: world.context, sender: dyingSender(world, { reachesTeams: true }) }, { owner: "dying", leaseMs: LEASE_MS });
    void dying.runOnce();
    await world.connector.waitFor((call) => call.conversationId !== undefined);
    world.clock.advance(LEASE_MS + 1);
    await drain(world.dispatcher({ leaseMs: LEASE_MS }));
    expect(posts(world.connector)).toHaveLength(2);
    expect(await world.queue.listDeliveries(circleId)).toMatchObject([{ outcome: "sent", sentAgainAfterInterruptedSend: true }]);
  });

  it("in the middle of a send that reached Teams, with inDoubtSends \"assume-delivered\": it is not sent twice, and the log says it is unconfirmed", async () => {
    const circleId = await dueReminder();
    const dying = createDispatcher({ context: world.context, sender: dyingSender(world, { reachesTeams: true }) }, { owner: "dying", leaseMs: LEASE_MS });
    void dying.runOnce();
    await world.connector.waitFor((call) => call.conversationId !== undefined);
    world.clock.advance(LEASE_MS + 1);
    await drain(world.dispatcher({ leaseMs: LEASE_MS, inDoubtSends: "assume-delivered" }));
    expect(posts(world.connector)).toHaveLength(1);
    expect(await world.queue.listDeliveries(circleId)).toMatchObject([{ outcome: "unconfirmed" }]);
    expect((await world.queue.listAll()).map((row) => row.data.type)).toEqual(["occurrence"]);
  });

  it("in the middle of a send that never left, with inDoubtSends \"assume-delivered\": it is lost — that option's documented limit", async () => {
    const circleId = await dueReminder();
    const sending = { started: false };
    const dying = createDispatcher({ context: world.context, sender: dyingSender(world, { reachesTeams: false, sending }) }, { owner: "dying", leaseMs: LEASE_MS });
    void dying.runOnce();
    await eventually(async () => sending.started && (await world.queue.listAll()).some((row) => row.data.type === "delivery" && row.data.lease?.sendingSince !== undefined));
    world.clock.advance(LEASE_MS + 1);
    await drain(world.dispatcher({ leaseMs: LEASE_MS, inDoubtSends: "assume-delivered" }));
    expect(posts(world.connector)).toHaveLength(0);
    expect(await world.queue.listDeliveries(circleId)).toMatchObject([{ outcome: "unconfirmed" }]);
  });

  it("after the send was recorded but before the queue row was removed: the next holder removes it without sending again", async () => {
    await dueReminder();
    let claimedWhileSending: QueueItem | undefined;
    const watching: ReminderSender = {
      send: async (address, activity) => {
        claimedWhileSending = (await world.queue.listAll()).find((row) => row.data.type === "delivery")?.data;
        return world.sender.send(address, activity);
      },
      createPersonalChat: (request) => world.sender.createPersonalChat(request),
    };
    await drain(createDispatcher({ context: world.context, sender: watching }, { leaseMs: LEASE_MS }));
    expect(posts(world.connector)).toHaveLength(1);
    expect(claimedWhileSending?.lease?.sendingSince).toBeDefined();
    // As if the instance had died just before deleting the row: the row is back, still marked as sending.
    await world.queue.enqueue({ ...claimedWhileSending!, lease: { ...claimedWhileSending!.lease!, until: world.clock.now().toISOString() } });
    world.clock.advance(1);
    const [summary] = await drain(world.dispatcher({ leaseMs: LEASE_MS }));
    expect(summary).toMatchObject({ alreadySent: 1, sent: 0 });
    expect(posts(world.connector)).toHaveLength(1);
  });
});
