import { describe, expect, it } from "vitest";
import { localDateTimeOf, nextOccurrence, occurrencesBetween, type RhythmSchedule, type Weekday } from "../../core/schedule/index.js";

function weekly(weekday: Weekday, time: string, timeZone: string): RhythmSchedule {
  return { cadence: "weekly", day: { kind: "weekday", weekday }, time, timeZone };
}

function isoList(dates: readonly Date[]): string[] {
  return dates.map((date) => date.toISOString());
}

function localClock(date: Date, timeZone: string): string {
  const local = localDateTimeOf(date, timeZone);
  return `${String(local.hour).padStart(2, "0")}:${String(local.minute).padStart(2, "0")}`;
}

describe("a 09:00 meeting stays at 09:00 local time when the clocks change", () => {
  it("in Stockholm, across the spring change on 29 March 2026 (CET → CEST)", () => {
    const rhythm = weekly("sunday", "09:00", "Europe/Stockholm");
    const dates = occurrencesBetween(rhythm, new Date("2026-03-20T00:00:00Z"), new Date("2026-04-06T00:00:00Z"));
    expect(isoList(dates)).toEqual(["2026-03-22T08:00:00.000Z", "2026-03-29T07:00:00.000Z", "2026-04-05T07:00:00.000Z"]);
    expect(dates.map((date) => localClock(date, rhythm.timeZone))).toEqual(["09:00", "09:00", "09:00"]);
  });

  it("in Stockholm, across the autumn change on 25 October 2026 (CEST → CET)", () => {
    const rhythm = weekly("monday", "09:00", "Europe/Stockholm");
    const dates = occurrencesBetween(rhythm, new Date("2026-10-18T00:00:00Z"), new Date("2026-11-03T00:00:00Z"));
    expect(isoList(dates)).toEqual(["2026-10-19T07:00:00.000Z", "2026-10-26T08:00:00.000Z", "2026-11-02T08:00:00.000Z"]);
  });

  it("in Los Angeles, across both changes (8 March and 1 November 2026)", () => {
    const rhythm = weekly("tuesday", "09:00", "America/Los_Angeles");
    expect(isoList(occurrencesBetween(rhythm, new Date("2026-03-01T00:00:00Z"), new Date("2026-03-12T00:00:00Z")))).toEqual([
      "2026-03-03T17:00:00.000Z",
      "2026-03-10T16:00:00.000Z",
    ]);
    expect(isoList(occurrencesBetween(rhythm, new Date("2026-10-25T00:00:00Z"), new Date("2026-11-05T00:00:00Z")))).toEqual([
      "2026-10-27T16:00:00.000Z",
      "2026-11-03T17:00:00.000Z",
    ]);
  });

  it("in Sydney, where summer time ends in April and starts in October", () => {
    const rhythm = weekly("monday", "09:00", "Australia/Sydney");
    expect(isoList(occurrencesBetween(rhythm, new Date("2026-03-28T00:00:00Z"), new Date("2026-04-07T00:00:00Z")))).toEqual([
      "2026-03-29T22:00:00.000Z",
      "2026-04-05T23:00:00.000Z",
    ]);
    expect(isoList(occurrencesBetween(rhythm, new Date("2026-09-27T00:00:00Z"), new Date("2026-10-06T00:00:00Z")))).toEqual([
      "2026-09-27T23:00:00.000Z",
      "2026-10-04T22:00:00.000Z",
    ]);
  });
});

describe("a meeting time that does not exist on the day the clocks go forward", () => {
  it("moves forward by the gap: 02:30 becomes 03:30 in Stockholm, and is back at 02:30 a week later", () => {
    const rhythm = weekly("sunday", "02:30", "Europe/Stockholm");
    const [changeDay, weekLater] = occurrencesBetween(rhythm, new Date("2026-03-28T00:00:00Z"), new Date("2026-04-06T00:00:00Z"));
    expect(changeDay?.toISOString()).toBe("2026-03-29T01:30:00.000Z");
    expect(localClock(changeDay as Date, rhythm.timeZone)).toBe("03:30");
    expect(localClock(weekLater as Date, rhythm.timeZone)).toBe("02:30");
  });

  it("moves forward in Los Angeles and Sydney too", () => {
    expect(nextOccurrence(weekly("sunday", "02:30", "America/Los_Angeles"), new Date("2026-03-07T00:00:00Z")).toISOString()).toBe("2026-03-08T10:30:00.000Z");
    expect(nextOccurrence(weekly("sunday", "02:30", "Australia/Sydney"), new Date("2026-10-01T00:00:00Z")).toISOString()).toBe("2026-10-03T16:30:00.000Z");
  });
});

describe("a meeting time that happens twice on the day the clocks go back", () => {
  it("is held at the first of the two, and only once", () => {
    const rhythm = weekly("sunday", "01:30", "America/Los_Angeles");
    const first = nextOccurrence(rhythm, new Date("2026-10-31T00:00:00Z"));
    expect(first.toISOString()).toBe("2026-11-01T08:30:00.000Z");
    expect(nextOccurrence(rhythm, first).toISOString()).toBe("2026-11-08T09:30:00.000Z");
  });

  it("picks the summer-time instant in Stockholm and Sydney", () => {
    expect(nextOccurrence(weekly("sunday", "02:30", "Europe/Stockholm"), new Date("2026-10-24T00:00:00Z")).toISOString()).toBe("2026-10-25T00:30:00.000Z");
    expect(nextOccurrence(weekly("sunday", "02:30", "Australia/Sydney"), new Date("2026-04-03T00:00:00Z")).toISOString()).toBe("2026-04-04T15:30:00.000Z");
  });
});

describe("month ends and day rules", () => {
  it("day 31 of the month falls on the last day of shorter months", () => {
    const rhythm: RhythmSchedule = { cadence: "monthly", day: { kind: "day-of-month", day: 31 }, time: "12:00", timeZone: "UTC" };
    const dates = occurrencesBetween(rhythm, new Date("2026-01-01T00:00:00Z"), new Date("2026-05-01T00:00:00Z"));
    expect(isoList(dates)).toEqual(["2026-01-31T12:00:00.000Z", "2026-02-28T12:00:00.000Z", "2026-03-31T12:00:00.000Z", "2026-04-30T12:00:00.000Z"]);
  });

  it("day 30 in February is the 29th in a leap year", () => {
    const rhythm: RhythmSchedule = { cadence: "monthly", day: { kind: "day-of-month", day: 30 }, time: "09:00", timeZone: "Europe/Stockholm" };
    expect(nextOccurrence(rhythm, new Date("2028-02-01T00:00:00Z")).toISOString()).toBe("2028-02-29T08:00:00.000Z");
  });

  it("the first Tuesday of the month", () => {
    const rhythm: RhythmSchedule = { cadence: "monthly", day: { kind: "nth-weekday", nth: 1, weekday: "tuesday" }, time: "09:00", timeZone: "Europe/Stockholm" };
    const dates = occurrencesBetween(rhythm, new Date("2026-03-01T00:00:00Z"), new Date("2026-06-01T00:00:00Z"));
    expect(isoList(dates)).toEqual(["2026-03-03T08:00:00.000Z", "2026-04-07T07:00:00.000Z", "2026-05-05T07:00:00.000Z"]);
  });

  it("the last Friday of the quarter is in the quarter's last month", () => {
    const rhythm: RhythmSchedule = { cadence: "quarterly", day: { kind: "nth-weekday", nth: "last", weekday: "friday" }, time: "15:00", timeZone: "America/Los_Angeles" };
    const dates = occurrencesBetween(rhythm, new Date("2026-01-01T00:00:00Z"), new Date("2027-01-01T00:00:00Z"));
    expect(dates.map((date) => date.toISOString().slice(0, 10))).toEqual(["2026-03-27", "2026-06-26", "2026-09-25", "2026-12-25"]);
  });

  it("a yearly date of 29 February is kept on the 28th in other years", () => {
    const rhythm: RhythmSchedule = { cadence: "yearly", day: { kind: "day-of-month", day: 29, month: 2 }, time: "10:00", timeZone: "UTC" };
    const dates = occurrencesBetween(rhythm, new Date("2027-01-01T00:00:00Z"), new Date("2029-01-01T00:00:00Z"));
    expect(isoList(dates)).toEqual(["2027-02-28T10:00:00.000Z", "2028-02-29T10:00:00.000Z"]);
  });

  it("the next occurrence is strictly after the given moment, also across a year end", () => {
    const rhythm: RhythmSchedule = { cadence: "monthly", day: { kind: "nth-weekday", nth: "last", weekday: "wednesday" }, time: "18:00", timeZone: "Australia/Sydney" };
    const december = nextOccurrence(rhythm, new Date("2026-12-01T00:00:00Z"));
    expect(december.toISOString()).toBe("2026-12-30T07:00:00.000Z");
    expect(nextOccurrence(rhythm, december).toISOString()).toBe("2027-01-27T07:00:00.000Z");
  });
});
