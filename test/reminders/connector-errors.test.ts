import { afterEach, describe, expect, it } from "vitest";
import { createDispatcher } from "../../reminders/dispatcher.js";
import { setRhythm } from "../../reminders/rhythms.js";
import { createTeamsSender } from "../../reminders/teams-sender.js";
import type { ConnectorCall, InjectedResponse } from "../support/connector.js";
import { CHANNEL_ID, circleWithChannel, drain, goldenCircle, posts, postsPerConversation, startWorld, TENANT, weeklyRhythm, type World } from "./support.js";

const MONDAY_REMINDER = new Date("2026-03-02T08:00:00Z");
const NEXT_MONDAY = new Date("2026-03-09T08:00:00Z");

async function circleDueNow(world: World, options: { personalReminders?: boolean } = {}) {
  const circle = await goldenCircle(world, options);
  await setRhythm(world.context, circle.contoso, circle.circleId, weeklyRhythm());
  world.clock.set(MONDAY_REMINDER);
  return circle;
}

/** Answers the first `times` matching calls with `response`, then lets calls through. */
function failFirst(world: World, times: number, matches: (call: ConnectorCall) => boolean, response: InjectedResponse | ((attempt: number) => InjectedResponse)): ConnectorCall[] {
  const failed: ConnectorCall[] = [];
  world.connector.intercept = (call) => {
    if (!matches(call) || failed.length >= times) return undefined;
    failed.push(call);
    return typeof response === "function" ? response(failed.length) : response;
  };
  return failed;
}

const toChannel = (call: ConnectorCall): boolean => call.conversationId === CHANNEL_ID;
const toAdasChat = (call: ConnectorCall): boolean => call.conversationId === "a:chat-ada";

describe("when the Bot Connector answers with an error", () => {
  let world: World;
  afterEach(() => world.close());

  it("429 with Retry-After: waits exactly that long, then sends once", async () => {
    world = await startWorld("2026-03-01T00:00:00Z");
    const { circleId } = await circleDueNow(world);
    const throttled = failFirst(world, 1, toChannel, { status: 429, headers: { "retry-after": "120" }, body: { error: { code: "TooManyRequests", message: "slow down" } } });
    const dispatcher = world.dispatcher();
    await drain(dispatcher);
    expect(throttled).toHaveLength(1);
    expect(posts(world.connector, CHANNEL_ID)).toHaveLength(0);
    world.clock.advance(119_000);
    await drain(dispatcher);
    expect(posts(world.connector, CHANNEL_ID)).toHaveLength(0);
    world.clock.advance(1_000);
    await drain(dispatcher);
    expect(posts(world.connector, CHANNEL_ID)).toHaveLength(1);
    const [entry] = await world.queue.listDeliveries(circleId);
    expect(entry?.outcome).toBe("sent");
    expect(entry?.attempts.map((attempt) => [attempt.outcome, attempt.status, attempt.retryAfterMs])).toEqual([
      ["throttled", 429, 120_000],
      ["sent", 200, undefined],
    ]);
  });

  it("412, 502 and 504: retries with growing waits, then sends once", async () => {
    world = await startWorld("2026-03-01T00:00:00Z");
    const { circleId } = await circleDueNow(world);
    const statuses = [502, 504, 412];
    failFirst(world, 3, toChannel, (attempt) => ({ status: statuses[attempt - 1] as number }));
    const dispatcher = world.dispatcher({ random: () => 0.5 });
    const waits: number[] = [];
    for (let attempt = 0; attempt < 3; attempt += 1) {
      await drain(dispatcher);
      const [row] = (await world.queue.listAll()).filter((candidate) => candidate.data.type === "delivery");
      waits.push(new Date(row!.data.notBefore!).getTime() - world.clock.now().getTime());
      world.clock.set(new Date(row!.data.notBefore!));
    }
    await drain(dispatcher);
    expect(waits).toEqual([750, 1_500, 3_000]);
    expect(posts(world.connector, CHANNEL_ID)).toHaveLength(1);
    expect((await world.queue.listDeliveries(circleId))[0]?.attempts.map((attempt) => attempt.status)).toEqual([502, 504, 412, 200]);
  });

  it("no answer in time: sent again after a backoff, and the log marks the possible duplicate", async () => {
    world = await startWorld("2026-03-01T00:00:00Z");
    const { circleId } = await circleDueNow(world);
    let delayed = 0;
    world.connector.intercept = async (call) => {
      if (toChannel(call) && delayed++ === 0) await new Promise((resolve) => setTimeout(resolve, 400));
      return undefined;
    };
    const impatient = createDispatcher({ context: world.context, sender: createTeamsSender(undefined, { timeoutMs: 150 }) }, { random: () => 0.5 });
    await drain(impatient);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(posts(world.connector, CHANNEL_ID)).toHaveLength(1);
    world.clock.advance(750);
    await drain(impatient);
    expect(posts(world.connector, CHANNEL_ID)).toHaveLength(2);
    const [entry] = await world.queue.listDeliveries(circleId);
    expect(entry).toMatchObject({ outcome: "sent", sentAgainAfterInterruptedSend: true });
    expect(entry?.attempts.map((attempt) => attempt.outcome)).toEqual(["transient", "sent"]);
  });

  it("403 (the person blocked the bot): stops sending to that chat until the app is installed again; the channel still gets reminders", async () => {
    world = await startWorld("2026-03-01T00:00:00Z");
    const { circleId } = await circleDueNow(world, { personalReminders: true });
    failFirst(world, 1, toAdasChat, { status: 403, body: { error: { code: "ConversationBlockedByUser", message: "User blocked the conversation with the bot." } } });
    const dispatcher = world.dispatcher();
    await drain(dispatcher);
    expect((await world.repositories.conversations.get("a:chat-ada"))?.data).toMatchObject({ active: false, deactivatedReason: "403 ConversationBlockedByUser" });
    const log = await world.queue.listDeliveries(circleId);
    expect(log.find((entry) => entry.target.conversationId === "a:chat-ada")?.outcome).toBe("deactivated");

    world.clock.set(NEXT_MONDAY);
    await drain(dispatcher);
    expect(postsPerConversation(world.connector)).toEqual(new Map([[CHANNEL_ID, 2], ["a:chat-bo", 2]]));

    const chat = (await world.repositories.conversations.get("a:chat-ada"))!.data;
    await world.repositories.conversations.activate({ ...chat, active: true, installedAt: world.clock.now().toISOString() });
    world.clock.set(new Date("2026-03-16T08:00:00Z"));
    await drain(dispatcher);
    expect(postsPerConversation(world.connector).get("a:chat-ada")).toBe(1);
  });

  it("re-creates a deleted personal chat with the person's Teams user id when the bot knows it (people are keyed by Entra id)", async () => {
    world = await startWorld("2026-03-01T00:00:00Z");
    await circleDueNow(world, { personalReminders: true });
    const chat = (await world.repositories.conversations.getPersonalChat(TENANT, "ada"))!.data;
    await world.repositories.conversations.save({ ...chat, person: { ...chat.person!, teamsUserId: "29:ada-teams-id" } });
    failFirst(world, 1, toAdasChat, { status: 404, body: { error: { code: "ConversationNotFound", message: "Conversation not found." } } });
    await drain(world.dispatcher());
    const created = world.connector.calls.find((call) => call.path === "/v3/conversations");
    expect(created?.body).toMatchObject({ members: [{ id: "29:ada-teams-id" }] });
    expect(posts(world.connector, created!.assignedId!)).toHaveLength(1);
  });

  it("404 ConversationNotFound in a personal chat: re-creates the 1:1 chat from the stored user and tenant, sends there, and keeps the new chat", async () => {
    world = await startWorld("2026-03-01T00:00:00Z");
    const { circleId } = await circleDueNow(world, { personalReminders: true });
    failFirst(world, 1, toAdasChat, { status: 404, body: { error: { code: "ConversationNotFound", message: "Conversation not found." } } });
    const dispatcher = world.dispatcher();
    await drain(dispatcher);
    const created = world.connector.calls.find((call) => call.path === "/v3/conversations");
    expect(created?.body).toMatchObject({ isGroup: false, tenantId: TENANT, members: [{ id: "ada" }], bot: { id: "28:bot" } });
    const newChat = created!.assignedId!;
    expect(posts(world.connector, newChat)).toHaveLength(1);
    expect((await world.repositories.conversations.getPersonalChat(TENANT, "ada"))?.data.conversationId).toBe(newChat);
    const entry = (await world.queue.listDeliveries(circleId)).find((candidate) => candidate.target.kind === "personal" && candidate.target.person.userId === "ada");
    expect(entry?.attempts.map((attempt) => attempt.outcome)).toEqual(["not-found", "chat-recreated", "sent"]);

    world.clock.set(NEXT_MONDAY);
    await drain(dispatcher);
    expect(posts(world.connector, newChat)).toHaveLength(2);
    expect(posts(world.connector, "a:chat-ada")).toHaveLength(0);
  });

  it("404 in a personal chat that cannot be re-created: retries a few times, then stops sending there", async () => {
    world = await startWorld("2026-03-01T00:00:00Z");
    await circleDueNow(world, { personalReminders: true });
    world.connector.intercept = (call) => {
      if (toAdasChat(call)) return { status: 404, body: { error: { code: "ConversationNotFound", message: "Conversation not found." } } };
      if (call.path === "/v3/conversations") return { status: 403, body: { error: { code: "BotNotInConversationRoster", message: "The bot is not installed for the user." } } };
      return undefined;
    };
    const dispatcher = world.dispatcher();
    for (let round = 0; round < 4; round += 1) {
      await drain(dispatcher);
      world.clock.advance(10 * 60_000);
    }
    expect((await world.repositories.conversations.get("a:chat-ada"))?.data.active).toBe(false);
    expect((await world.queue.listAll()).filter((row) => row.data.type === "delivery")).toEqual([]);
  });

  it("404 in a channel: retried a few times (it can be transient), then the channel is deactivated", async () => {
    world = await startWorld("2026-03-01T00:00:00Z");
    await circleDueNow(world);
    const failed = failFirst(world, 10, toChannel, { status: 404, body: { error: { code: "ConversationNotFound", message: "Conversation not found." } } });
    const dispatcher = world.dispatcher();
    for (let round = 0; round < 4; round += 1) {
      await drain(dispatcher);
      world.clock.advance(10 * 60_000);
    }
    expect(failed).toHaveLength(3);
    expect(world.connector.calls.some((call) => call.path === "/v3/conversations")).toBe(false);
    expect((await world.repositories.conversations.get(CHANNEL_ID))?.data.active).toBe(false);
  });
});

describe("Teams' rate limits", () => {
  let world: World;
  afterEach(() => world.close());

  it("a connector that enforces 7 messages a second per conversation never has to refuse one", async () => {
    world = await startWorld("2026-03-01T00:00:00Z", { connector: { rateLimits: { perConversationPerSecond: 7, perAppPerSecond: 50 } } });
    const circles = [];
    for (let index = 0; index < 10; index += 1) circles.push(await circleWithChannel(world, index));
    for (const circle of circles) {
      await world.repositories.circles.replaceCircle({ ...(await world.repositories.circles.get(circle.circleId))!.data, channel: { conversationId: CHANNEL_ID, serviceUrl: world.connector.url, tenantId: TENANT } }, (await world.repositories.circles.get(circle.circleId))!.etag);
      await setRhythm(world.context, circle.founder, circle.circleId, weeklyRhythm());
    }
    await world.repositories.conversations.save({ conversationId: CHANNEL_ID, conversationType: "channel", tenantId: TENANT, serviceUrl: world.connector.url, reference: {}, active: true, installedAt: "2026-03-01T00:00:00Z", updatedAt: "2026-03-01T00:00:00Z" });
    world.clock.set(MONDAY_REMINDER);
    const started = performance.now();
    const dispatcher = world.dispatcher();
    // Bounded by time, not by a number of passes: on a loaded machine a pass can take long.
    while (posts(world.connector, CHANNEL_ID).length < 10 && performance.now() - started < 25_000) {
      await dispatcher.runOnce();
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(posts(world.connector, CHANNEL_ID)).toHaveLength(10);
    expect(world.connector.throttled).toHaveLength(0);
    expect(performance.now() - started).toBeGreaterThan(1_000);
  });
});
