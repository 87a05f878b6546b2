import { Writable } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { circleMessageOf, handleCircleCardAction, CIRCLE_VERBS } from "../../circles/index.js";
import { handleReminderCardAction } from "../../reminders/card-actions.js";
import { formValuesOf, rhythmDetailsCard, rhythmsCard } from "../../reminders/cards.js";
import { userMessageOf } from "../../reminders/errors.js";
import { REMINDER_VERBS } from "../../reminders/verbs.js";
import { createLogger } from "../../platform/logger.js";
import { assertValidAdaptiveCard } from "../support/adaptive-cards.js";
import { CHANNEL_ID, goldenCircle, startWorld, weeklyRhythm, type World } from "./support.js";
import { circle, REMINDER_CARDS } from "./card-gallery.js";

function elementTypes(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(elementTypes);
  if (!value || typeof value !== "object") return [];
  const record = value as Record<string, unknown>;
  return [...(typeof record.type === "string" ? [record.type] : []), ...Object.values(record).flatMap(elementTypes)];
}

describe("reminder cards", () => {
  const cards = REMINDER_CARDS;

  it.each(Object.entries(cards))("%s is a valid Adaptive Card for Teams, one column wide", (name, card) => {
    assertValidAdaptiveCard(card, name);
    expect(elementTypes(card)).not.toContain("ColumnSet");
    expect(JSON.stringify(card)).not.toContain('"width":"Full"');
  });

  it("shows the meeting time in the circle's zone and in each reader's own, and flags overdue actions", () => {
    const text = JSON.stringify(cards["meeting reminder (channel)"]);
    expect(text).toContain("Tuesday, 3 March 2026, 09:00 (Europe/Stockholm)");
    expect(text).toContain("{{DATE(2026-03-03T08:00:00Z, SHORT)}} {{TIME(2026-03-03T08:00:00Z)}}");
    expect(text).toContain("Share the Q2 pipeline — Fabrikam, due 1 March 2026 — **overdue**");
    expect(text).toContain("2 of 3 planned (1 skipped)");
  });

  it("asks for the rhythm in two steps, showing in the second only the fields the chosen pattern needs", () => {
    const ids = (card: { body: readonly Record<string, unknown>[] }) => card.body.map((element) => element.id).filter(Boolean);
    expect(ids(cards["rhythm form, step 1"])).toEqual(["pattern"]);
    expect(ids(cards["rhythm form, step 2 (weekday)"])).toEqual(["weekday", "time", "timeZone"]);
    expect(ids(rhythmDetailsCard(circle, "joint-planning", { cadence: "monthly", dayRule: "nth-weekday" }, formValuesOf(weeklyRhythm())))).toEqual(["nth", "weekday", "time", "timeZone"]);
    expect(ids(rhythmDetailsCard(circle, "joint-planning", { cadence: "quarterly", dayRule: "day-of-month" }, formValuesOf(weeklyRhythm())))).toEqual(["day", "month", "time", "timeZone"]);
    expect(JSON.stringify(rhythmsCard(circle, [], ["executive"]))).toContain("Set the VP of Sales meeting");
    expect(JSON.stringify(rhythmsCard(circle, [], ["executive"]))).not.toMatch(/vp of sales/);
  });
});

describe("a card button pressed with bad input", () => {
  let world: World;
  let logLines: string[];
  beforeEach(async () => {
    world = await startWorld("2026-03-01T00:00:00Z");
    logLines = [];
    const sink = new Writable({ write: (chunk: Buffer, _encoding, done) => (logLines.push(chunk.toString()), done()) });
    world.context.logger = createLogger("info", sink);
  });
  afterEach(() => world.close());

  let golden: ReturnType<typeof goldenCircle> | undefined;
  beforeEach(() => {
    golden = undefined;
  });

  async function press(data: Record<string, unknown>): Promise<string | undefined> {
    golden ??= goldenCircle(world);
    const { contoso } = await golden;
    try {
      await handleReminderCardAction(world.context, contoso, data, { conversationId: CHANNEL_ID });
      return undefined;
    } catch (error) {
      return userMessageOf(error);
    }
  }

  async function pressCircleButton(data: Record<string, unknown>): Promise<string | undefined> {
    const { contoso } = await goldenCircle(world);
    try {
      await handleCircleCardAction(world.context, contoso, data);
      return undefined;
    } catch (error) {
      return circleMessageOf(error);
    }
  }

  it("without a due date for a new action: says what to fill in, logs it without the values, stores nothing", async () => {
    const message = await pressCircleButton({ verb: CIRCLE_VERBS.createAction, circleId: "any", source: "reminder", area: "pipeline", owner: "tenant-fabrikam", title: "Secret plan" });
    expect(message).toBe("Choose a due date.");
    expect(logLines.join("")).toContain('"verb":"action.create"');
    expect(logLines.join("")).not.toContain("Secret plan");
  });

  it("with a due date in the past: refused with a reason, nothing stored", async () => {
    const { circleId, contoso } = await goldenCircle(world);
    const attempt = handleCircleCardAction(world.context, contoso, { verb: CIRCLE_VERBS.createAction, circleId, source: "reminder", area: "pipeline", owner: "tenant-fabrikam", dueBy: "2026-02-27" });
    expect(await attempt.catch(circleMessageOf)).toBe("The due date is in the past; choose today or a later day.");
    expect(await world.repositories.circles.listActions(circleId)).toEqual([]);
  });

  it("with an owner that is not a member company: refused", async () => {
    const { circleId, contoso } = await goldenCircle(world);
    const attempt = handleCircleCardAction(world.context, contoso, { verb: CIRCLE_VERBS.createAction, circleId, source: "reminder", area: "pipeline", owner: "tenant-northwind", dueBy: "2026-04-01" });
    expect(await attempt.catch(circleMessageOf)).toBe("The owner must be a member company of this circle.");
  });

  it("with an action title made only of invisible characters, or far too long: refused, nothing stored", async () => {
    const { circleId, contoso } = await goldenCircle(world);
    const attempt = (title: string) => handleCircleCardAction(world.context, contoso, { verb: CIRCLE_VERBS.createAction, circleId, source: "reminder", area: "pipeline", owner: "tenant-fabrikam", dueBy: "2026-04-01", title }).catch(circleMessageOf);
    expect(await attempt("x".repeat(201))).toBe("Keep the action to 200 characters or fewer.");
    expect(await attempt("y".repeat(5_000))).toBe("This button's data is damaged; please use a newer card.");
    expect(await world.repositories.circles.listActions(circleId)).toEqual([]);
    const created = await handleCircleCardAction(world.context, contoso, { verb: CIRCLE_VERBS.createAction, circleId, source: "reminder", area: "pipeline", owner: "tenant-fabrikam", dueBy: "2026-04-01", title: "\u200b\u200b" });
    expect(created.kind === "action-created" && created.action.title).not.toBe("");
  });

  it("with a time zone that does not exist: the rhythm is not saved, the person is told why, and the form keeps everything else they chose", async () => {
    const { circleId, contoso } = await goldenCircle(world);
    const form = { verb: REMINDER_VERBS.saveRhythm, circleId, rhythmKind: "joint-planning", cadence: "monthly", dayRule: "nth-weekday", nth: "last", weekday: "thursday", time: "10:00", timeZone: "Mars/Olympus" };
    const answer = await handleReminderCardAction(world.context, contoso, form, { conversationId: CHANNEL_ID });
    expect(answer.message).toBe('"Mars/Olympus" is not a time zone I know; use a name like Europe/Stockholm or America/Los_Angeles.');
    assertValidAdaptiveCard(answer.card, "the refilled rhythm form");
    const inputs = Object.fromEntries(((answer.card?.body ?? []) as { id?: string; value?: unknown }[]).filter((element) => element.id).map((element) => [element.id, element.value]));
    expect(inputs).toEqual({ nth: "last", weekday: "thursday", time: "10:00", timeZone: "Mars/Olympus" });
    expect(JSON.stringify(answer.card)).toContain("Nothing was saved");
    expect(await world.repositories.circles.listRhythms(circleId)).toEqual([]);
    expect(await world.queue.listAll()).toEqual([]);
  });

  it("with a pattern the rhythm's kind does not allow: refused, nothing stored", async () => {
    expect(await press({ verb: REMINDER_VERBS.rhythmPattern, circleId: "x", rhythmKind: "agreement-review", pattern: "weekly|weekday" })).toBe("Choose how often the rhythm comes back.");
  });

  it("with damaged data or an unknown verb: a sentence, not a crash", async () => {
    expect(await press({ verb: REMINDER_VERBS.skip, circleId: "c", rhythmKind: "joint-planning", step: "meeting-reminder", occurrence: "tomorrow" })).toBe("This button's data is damaged; please use a newer card.");
    expect(await press({ verb: "reminder.explode" })).toBe("I don't know this button; it may be from an older version of the app.");
  });
});

describe("the rhythm form", () => {
  let world: World;
  beforeEach(async () => {
    world = await startWorld("2026-03-01T00:00:00Z");
  });
  afterEach(() => world.close());

  it("saves what was chosen and answers with the rhythm in words and its first reminder", async () => {
    const { circleId, contoso } = await goldenCircle(world);
    const form = { verb: REMINDER_VERBS.saveRhythm, circleId, rhythmKind: "joint-planning", cadence: "quarterly", dayRule: "nth-weekday", nth: "last", weekday: "friday", day: "1", month: "", time: "15:30", timeZone: "America/Los_Angeles" };
    const answer = await handleReminderCardAction(world.context, contoso, form, { conversationId: CHANNEL_ID });
    expect(answer.message).toBe("Saved: Joint planning meeting, the last Friday of every quarter at 15:30 (America/Los_Angeles). First reminder: Thursday, 26 March 2026, 15:30.");
    expect(answer.card).toBeDefined();
    assertValidAdaptiveCard(answer.card, "rhythms after saving");
  });
});
