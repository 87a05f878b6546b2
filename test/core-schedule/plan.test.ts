import { describe, expect, it } from "vitest";
import {
  describeRhythm,
  firstReminderAfter,
  reminderAfter,
  remindersFor,
  RhythmRuleError,
  stalenessOf,
  validateRhythm,
  type Rhythm,
} from "../../core/schedule/index.js";

const stockholm = "Europe/Stockholm";

function rhythm(overrides: Partial<Rhythm> & Pick<Rhythm, "kind">): Rhythm {
  return { cadence: "weekly", day: { kind: "weekday", weekday: "tuesday" }, time: "09:00", timeZone: stockholm, paused: false, ...overrides };
}

function steps(reminders: readonly { step: string; due: Date }[]): string[] {
  return reminders.map((reminder) => `${reminder.step}@${reminder.due.toISOString()}`);
}

describe("which reminders a rhythm sends", () => {
  it("reminds of a meeting one calendar day before, at the meeting's local time, even when that day is 23 hours long", () => {
    const sundayMeeting = rhythm({ kind: "joint-planning", day: { kind: "weekday", weekday: "sunday" } });
    const occurrence = new Date("2026-03-29T07:00:00Z"); // Sunday 09:00 CEST, the first day of summer time
    expect(steps(remindersFor(sundayMeeting, occurrence))).toEqual(["meeting-reminder@2026-03-28T08:00:00.000Z"]); // Saturday 09:00 CET
  });

  it("announces the yearly agreement review 30 days ahead and again on the day", () => {
    const review = rhythm({ kind: "agreement-review", cadence: "yearly", day: { kind: "day-of-month", day: 15, month: 4 }, time: "10:00" });
    const occurrence = new Date("2026-04-15T08:00:00Z");
    expect(steps(remindersFor(review, occurrence))).toEqual(["review-notice@2026-03-16T09:00:00.000Z", "review-day@2026-04-15T08:00:00.000Z"]);
  });

  it("invites to assess when a cycle starts, plans at most two nudges a week apart, and closes the cycle with its result on day 21", () => {
    const cycle = rhythm({ kind: "assessment-cycle", cadence: "quarterly", day: { kind: "day-of-month", day: 1 } });
    const occurrence = new Date("2026-04-01T07:00:00Z");
    expect(steps(remindersFor(cycle, occurrence))).toEqual([
      "assessment-invitation@2026-04-01T07:00:00.000Z",
      "assessment-nudge-1@2026-04-08T07:00:00.000Z",
      "assessment-nudge-2@2026-04-15T07:00:00.000Z",
      "assessment-result@2026-04-22T07:00:00.000Z",
    ]);
  });

  it("plans the result on day 21 of every cycle, at the rhythm's local time across a change to winter time", () => {
    const cycle = rhythm({ kind: "assessment-cycle", cadence: "monthly", day: { kind: "day-of-month", day: 15 } });
    const results = ["2026-09-15T07:00:00Z", "2026-10-15T07:00:00Z"].map((start) => remindersFor(cycle, new Date(start)).find((reminder) => reminder.step === "assessment-result")?.due.toISOString());
    expect(results).toEqual(["2026-10-06T07:00:00.000Z", "2026-11-05T08:00:00.000Z"]); // 09:00 CEST, then 09:00 CET
  });
});

describe("the chain of reminders", () => {
  const monthly = rhythm({ kind: "joint-planning", cadence: "monthly", day: { kind: "nth-weekday", nth: 1, weekday: "tuesday" } });

  it("starts with the first reminder still ahead, skipping one whose time has passed", () => {
    // Set on Monday 2 March at 12:00: tomorrow's meeting was due a reminder at 09:00 today, so the first is April's.
    const first = firstReminderAfter(monthly, new Date("2026-03-02T11:00:00Z"));
    expect(first.occurrence.toISOString()).toBe("2026-04-07T07:00:00.000Z");
    expect(first.due.toISOString()).toBe("2026-04-06T07:00:00.000Z");
  });

  it("moves from one meeting's reminder to the next meeting's", () => {
    const march = firstReminderAfter(monthly, new Date("2026-03-01T00:00:00Z"));
    const april = reminderAfter(monthly, march);
    expect([march.due.toISOString(), april.due.toISOString()]).toEqual(["2026-03-02T08:00:00.000Z", "2026-04-06T07:00:00.000Z"]);
  });

  it("goes through a cycle's invitation, two nudges and its result, then on to the next cycle", () => {
    const cycle = rhythm({ kind: "assessment-cycle", cadence: "quarterly", day: { kind: "day-of-month", day: 1 } });
    let reminder = firstReminderAfter(cycle, new Date("2026-03-15T00:00:00Z"));
    const seen = [reminder.step];
    for (let index = 0; index < 4; index += 1) {
      reminder = reminderAfter(cycle, reminder);
      seen.push(reminder.step);
    }
    expect(seen).toEqual(["assessment-invitation", "assessment-nudge-1", "assessment-nudge-2", "assessment-result", "assessment-invitation"]);
    expect(reminder.occurrence.toISOString()).toBe("2026-07-01T07:00:00.000Z");
  });

  it("after an outage, does not send a meeting reminder for a meeting long over, nor a nudge already followed by the next", () => {
    const weekly = rhythm({ kind: "joint-planning" });
    const meeting = { step: "meeting-reminder" as const, occurrence: new Date("2026-03-03T08:00:00Z") };
    expect(stalenessOf(weekly, meeting, new Date("2026-03-03T09:00:00Z"))).toBe("current");
    expect(stalenessOf(weekly, meeting, new Date("2026-03-03T11:00:00Z"))).toBe("over");
    const cycle = rhythm({ kind: "assessment-cycle", cadence: "quarterly", day: { kind: "day-of-month", day: 1 } });
    const nudge = { step: "assessment-nudge-1" as const, occurrence: new Date("2026-04-01T07:00:00Z") };
    expect(stalenessOf(cycle, nudge, new Date("2026-04-09T00:00:00Z"))).toBe("current");
    expect(stalenessOf(cycle, nudge, new Date("2026-04-16T00:00:00Z"))).toBe("superseded");
    const lastNudge = { step: "assessment-nudge-2" as const, occurrence: new Date("2026-04-01T07:00:00Z") };
    expect(stalenessOf(cycle, lastNudge, new Date("2026-04-23T00:00:00Z"))).toBe("superseded");
    expect(stalenessOf(cycle, { step: "assessment-result" as const, occurrence: new Date("2026-04-01T07:00:00Z") }, new Date("2026-05-01T00:00:00Z"))).toBe("current");
  });
});

describe("rhythms a person cannot set are refused with a reason", () => {
  const cases: [string, Rhythm, RegExp][] = [
    ["a weekly rhythm without a weekday", rhythm({ kind: "joint-planning", day: { kind: "day-of-month", day: 3 } }), /weekly rhythm needs a day of the week/],
    ["a yearly joint planning meeting (not on the seed's ladder)", rhythm({ kind: "joint-planning", cadence: "yearly", day: { kind: "day-of-month", day: 3 } }), /can be weekly, monthly or quarterly/],
    ["an agreement review that is not yearly", rhythm({ kind: "agreement-review", cadence: "monthly", day: { kind: "day-of-month", day: 3 } }), /can be yearly;/],
    ["an unknown time zone", rhythm({ kind: "executive", timeZone: "Mars/Olympus" }), /not a time zone I know/],
    ["a time without two-digit hours", rhythm({ kind: "executive", time: "9:00" }), /HH:MM/],
    ["day 32", rhythm({ kind: "executive", cadence: "monthly", day: { kind: "day-of-month", day: 32 } }), /from 1 to 31/],
    ["month 4 of a quarter", rhythm({ kind: "executive", cadence: "quarterly", day: { kind: "nth-weekday", nth: 1, weekday: "monday", month: 4 } }), /from 1 to 3 within the quarter/],
  ];

  it.each(cases)("refuses %s", (_name, candidate, message) => {
    expect(() => validateRhythm(candidate)).toThrow(RhythmRuleError);
    expect(() => validateRhythm(candidate)).toThrow(message);
  });
});

describe("a rhythm in words", () => {
  it("reads the way a person would say it", () => {
    expect(describeRhythm(rhythm({ kind: "joint-planning" }))).toBe("every Tuesday at 09:00 (Europe/Stockholm)");
    expect(describeRhythm(rhythm({ kind: "executive", cadence: "quarterly", day: { kind: "nth-weekday", nth: "last", weekday: "friday" }, paused: true }))).toBe(
      "the last Friday of every quarter at 09:00 (Europe/Stockholm), paused",
    );
    expect(describeRhythm(rhythm({ kind: "agreement-review", cadence: "yearly", day: { kind: "day-of-month", day: 15, month: 1 } }))).toBe(
      "every year on 15 January at 09:00 (Europe/Stockholm)",
    );
    expect(describeRhythm(rhythm({ kind: "joint-planning", cadence: "monthly", day: { kind: "day-of-month", day: 31 } }))).toBe(
      "the 31st of every month (or the last day of a shorter month) at 09:00 (Europe/Stockholm)",
    );
  });
});
