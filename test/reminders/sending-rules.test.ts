import { describe, expect, it } from "vitest";
import { decide } from "../../reminders/retry.js";
import { SendSlots, type PacerTime } from "../../reminders/send-slots.js";
import type { SendOutcome } from "../../reminders/sender.js";
import { retryAfterMsOf } from "../../reminders/teams-sender.js";

function fakeTime(): PacerTime & { advance(ms: number): void; slept: number[] } {
  let now = 0;
  const slept: number[] = [];
  return {
    now: () => now,
    sleep: async (ms) => {
      slept.push(ms);
      now += ms;
    },
    advance: (ms) => (now += ms),
    slept,
  };
}

const failure = (status: number | undefined, code?: string, retryAfterMs?: number): SendOutcome => ({ ok: false, status, code, retryAfterMs, mayHaveArrived: false, message: "" });
const context = { targetKind: "personal" as const, previousFailures: 0, chatRecreated: false, random: () => 0.5 };

describe("pacing sends under Teams' limits", () => {
  it("spaces sends to one tenant evenly, a little under 50 a second", async () => {
    const time = fakeTime();
    const slots = new SendSlots(50, time);
    for (let index = 0; index < 100; index += 1) await slots.tenantSlot("tenant");
    expect(time.now()).toBeGreaterThanOrEqual(99 * 20);
    expect(time.now()).toBeLessThan(99 * 20 * 1.03);
  });

  it("holds back an eighth message to one conversation within a second, and a ninth within two", async () => {
    const time = fakeTime();
    const slots = new SendSlots(50, time);
    for (let index = 0; index < 7; index += 1) expect(slots.reserveConversation("busy-chat")).toBe(true);
    expect(slots.reserveConversation("busy-chat")).toBe(false);
    expect(slots.reserveConversation("other-chat")).toBe(true);
    time.advance(1_300);
    expect(slots.reserveConversation("busy-chat")).toBe(true);
    expect(slots.reserveConversation("busy-chat")).toBe(false);
    time.advance(1_000);
    expect(slots.reserveConversation("busy-chat")).toBe(true);
  });
});

describe("what to do after a failed send", () => {
  it("honours Retry-After in seconds or as a date", () => {
    expect(retryAfterMsOf("3", 0)).toBe(3_000);
    expect(retryAfterMsOf("Thu, 01 Jan 1970 00:00:05 GMT", 1_000)).toBe(4_000);
    expect(retryAfterMsOf(null, 0)).toBeUndefined();
    expect(decide(failure(429, undefined, 3_000), context)).toEqual({ kind: "retry", delayMs: 3_000, outcome: "throttled" });
  });

  it("backs off exponentially with jitter when no Retry-After is given", () => {
    const delays = [0, 1, 2, 3].map((previousFailures) => decide(failure(502), { ...context, previousFailures }));
    expect(delays.map((decision) => (decision.kind === "retry" ? decision.delayMs : -1))).toEqual([750, 1_500, 3_000, 6_000]);
  });

  it("stops at a 403, re-creates a deleted personal chat once, and gives up on other client errors", () => {
    expect(decide(failure(403, "BotDisabledByAdmin"), context)).toEqual({ kind: "deactivate", reason: "403 BotDisabledByAdmin" });
    expect(decide(failure(404, "ConversationNotFound"), context)).toEqual({ kind: "recreate-chat" });
    expect(decide(failure(404, "ConversationNotFound"), { ...context, chatRecreated: true }).kind).toBe("retry");
    expect(decide(failure(400, "BadArgument"), context)).toEqual({ kind: "give-up", reason: "400 BadArgument" });
    expect(decide(failure(undefined), { ...context, previousFailures: 5 }).kind).toBe("give-up");
  });
});
