import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { completeAction, createAction, type Actor } from "../../circles/index.js";
import { handleReminderCardAction } from "../../reminders/card-actions.js";
import { setRhythm, showRhythms } from "../../reminders/rhythms.js";
import { REMINDER_VERBS } from "../../reminders/verbs.js";
import { assertValidAdaptiveCard } from "../support/adaptive-cards.js";
import { buttonData, CHANNEL_ID, cardOf, cardText, goldenCircle, headingOf, recordSelfAssessment, runUntil, startWorld, weeklyRhythm, type Arrival, type World } from "./support.js";
import { setPersonalReminders } from "../../reminders/personal.js";

/**
 * March 2026 for the Golden Circle: a weekly joint planning meeting on Tuesdays at 09:00 in Stockholm,
 * reminded on Mondays. Summer time starts on Sunday 29 March. Ada (Contoso) asked for reminders in
 * her personal chat too; Bo (Fabrikam) did not.
 */
describe("a month of a circle's weekly meeting reminders, with snooze and skip", () => {
  let world: World;
  let circleId: string;
  let contoso: Actor;
  let fabrikam: Actor;
  const arrivals: Arrival[] = [];
  const channel = (): Arrival[] => arrivals.filter((arrival) => arrival.call.conversationId === CHANNEL_ID);
  const adasChat = (): Arrival[] => arrivals.filter((arrival) => arrival.call.conversationId === "a:chat-ada");

  beforeAll(async () => {
    world = await startWorld("2026-03-01T00:00:00Z");
    ({ circleId, contoso, fabrikam } = await goldenCircle(world));
    await setPersonalReminders(world.context, contoso.person, true);
    await recordSelfAssessment(world, circleId, contoso, { pipeline: "basic", leads: "reactive", agreement: "proactive", geography: "dynamic" }, new Date("2026-02-20T10:00:00Z"));
    await recordSelfAssessment(world, circleId, fabrikam, { pipeline: "basic", leads: "basic", agreement: "proactive", geography: "dynamic" }, new Date("2026-02-21T10:00:00Z"));
    await createAction(world.context, contoso, { circleId, area: "pipeline", ownerCompanyId: fabrikam.company.companyId, dueBy: "2026-03-20", title: "Share the Q2 pipeline with Contoso", source: "command" });
    await setRhythm(world.context, contoso, circleId, weeklyRhythm());
  }, 60_000);

  afterAll(() => world.close());

  it("reminds the channel and Ada's chat on Monday at 09:00, with the agenda and the open actions", async () => {
    arrivals.push(...(await runUntil(world, world.dispatcher(), "2026-03-02T12:00:00Z")));
    expect(channel().map((arrival) => arrival.at)).toEqual(["2026-03-02T08:00:00.000Z"]);
    expect(adasChat().map((arrival) => arrival.at)).toEqual(["2026-03-02T08:00:00.000Z"]);
    expect(arrivals.some((arrival) => arrival.call.conversationId === "a:chat-bo")).toBe(false);
    const reminder = channel()[0]!.call;
    assertValidAdaptiveCard(cardOf(reminder), "meeting reminder");
    expect(headingOf(reminder)).toBe("Joint planning meeting coming up");
    const text = cardText(reminder);
    expect(text).toContain("Tuesday, 3 March 2026, 09:00 (Europe/Stockholm)");
    expect(text).toContain("**Pipeline** (circle median: Basic)");
    expect(text).toContain("**Leads** (circle median: Basic)");
    expect(text).toContain("Share the Q2 pipeline with Contoso — Fabrikam, due 20 March 2026");
    expect(text).not.toContain("Geography");
  });

  it("brings a snoozed reminder back later, at the latest when the meeting starts, only to the chat where it was snoozed", async () => {
    const reminder = adasChat()[0]!.call;
    const answer = await handleReminderCardAction(world.context, contoso, buttonData(reminder, REMINDER_VERBS.snooze), { conversationId: "a:chat-ada" });
    expect(answer.message).toBe("Snoozed: I'll remind you again when the meeting starts, on Tuesday, 3 March 2026, 09:00 (Europe/Stockholm).");
    arrivals.push(...(await runUntil(world, world.dispatcher(), "2026-03-03T12:00:00Z")));
    expect(adasChat().map((arrival) => arrival.at)).toEqual(["2026-03-02T08:00:00.000Z", "2026-03-03T08:00:00.000Z"]);
    expect(channel()).toHaveLength(1);
    await handleReminderCardAction(world.context, fabrikam, buttonData(reminder, REMINDER_VERBS.held), { conversationId: CHANNEL_ID });
  });

  it("sends nothing more for a meeting someone skipped, not even a reminder snoozed before", async () => {
    arrivals.push(...(await runUntil(world, world.dispatcher(), "2026-03-09T12:00:00Z")));
    const mondayReminder = adasChat().at(-1)!.call;
    expect(adasChat().at(-1)!.at).toBe("2026-03-09T08:00:00.000Z");
    await handleReminderCardAction(world.context, contoso, buttonData(mondayReminder, REMINDER_VERBS.snooze), { conversationId: "a:chat-ada" });
    const skipped = await handleReminderCardAction(world.context, fabrikam, buttonData(channel().at(-1)!.call, REMINDER_VERBS.skip), { conversationId: CHANNEL_ID });
    expect(skipped.message).toContain("recorded as skipped");
    const before = arrivals.length;
    arrivals.push(...(await runUntil(world, world.dispatcher(), "2026-03-11T00:00:00Z")));
    expect(arrivals.length).toBe(before);
  });

  it("drops an action marked done from the next reminder's agenda", async () => {
    arrivals.push(...(await runUntil(world, world.dispatcher(), "2026-03-17T12:00:00Z")));
    await handleReminderCardAction(world.context, contoso, buttonData(channel().at(-1)!.call, REMINDER_VERBS.held), { conversationId: CHANNEL_ID });
    const [action] = (await world.repositories.circles.listActions(circleId)).map((row) => row.data);
    await completeAction(world.context, fabrikam, circleId, action!.actionId);
    arrivals.push(...(await runUntil(world, world.dispatcher(), "2026-03-23T12:00:00Z")));
    expect(cardText(channel().at(-1)!.call)).not.toContain("Share the Q2 pipeline");
    expect(cardText(channel().at(-1)!.call)).toContain("No open actions");
  });

  it("keeps 09:00 local after the clocks change, and reminds each meeting exactly once over the month", async () => {
    arrivals.push(...(await runUntil(world, world.dispatcher(), "2026-04-01T00:00:00Z")));
    expect(channel().map((arrival) => arrival.at)).toEqual([
      "2026-03-02T08:00:00.000Z",
      "2026-03-09T08:00:00.000Z",
      "2026-03-16T08:00:00.000Z",
      "2026-03-23T08:00:00.000Z",
      "2026-03-30T07:00:00.000Z",
    ]);
    expect(adasChat().map((arrival) => arrival.at)).toEqual([
      "2026-03-02T08:00:00.000Z",
      "2026-03-03T08:00:00.000Z",
      "2026-03-09T08:00:00.000Z",
      "2026-03-16T08:00:00.000Z",
      "2026-03-23T08:00:00.000Z",
      "2026-03-30T07:00:00.000Z",
    ]);
    expect(cardText(channel().at(-1)!.call)).toContain("Tuesday, 31 March 2026, 09:00 (Europe/Stockholm)");
  });

  it("keeps the circle's record of meetings held vs planned, and logs every send", async () => {
    const view = await showRhythms(world.context, contoso, circleId);
    expect(view.overviews[0]?.meetings).toEqual({ planned: 4, held: 2, skipped: 1 });
    expect(view.overviews[0]?.nextOccurrence?.toISOString()).toBe("2026-04-07T07:00:00.000Z");
    const log = await world.queue.listDeliveries(circleId);
    expect(log).toHaveLength(arrivals.length);
    expect(log.every((entry) => entry.outcome === "sent" && entry.attempts.length === 1)).toBe(true);
    expect(await world.queue.listDue(new Date("2026-04-01T00:00:00Z"))).toEqual([]);
  });
});
