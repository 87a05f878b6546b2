import { afterEach, describe, expect, it } from "vitest";
import { MemoryTableStoreFactory } from "../../storage/memory/memory-table-store.js";
import { TABLES } from "../../storage/partitions.js";
import { TenantBudget, type BudgetTime } from "../../reminders/tenant-budget.js";
import { TEAMS_LIMITS } from "../../reminders/limits.js";
import { circleWithChannel, posts, startWorld, weeklyRhythm, type World } from "./support.js";
import { setRhythm } from "../../reminders/rhythms.js";

/** Time that moves only when the test says; sleeping moves nothing (the test collects the slots handed out). */
function simulatedTime(start: number): BudgetTime & { advance(milliseconds: number): void } {
  let now = start;
  return { now: () => now, sleep: async () => undefined, advance: (milliseconds) => void (now += milliseconds) };
}

/** The most slot times any one-second window holds (sliding, like Teams' and the connector's count). */
function busiestSecond(times: readonly number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  let busiest = 0;
  for (let first = 0, last = 0; last < sorted.length; last += 1) {
    while ((sorted[last] as number) - (sorted[first] as number) >= 1_000) first += 1;
    busiest = Math.max(busiest, last - first + 1);
  }
  return busiest;
}

describe("one send budget per tenant, shared by every instance", () => {
  it("two dispatcher instances asking at once never get more than the tenant's limit in any second", async () => {
    const table = await new MemoryTableStoreFactory().table(TABLES.reminders);
    const time = simulatedTime(Date.parse("2026-03-02T08:00:00Z"));
    const options = { ...TEAMS_LIMITS.sharedBudget, time };
    const [first, second] = [new TenantBudget(table, options), new TenantBudget(table, options)];
    const slots: number[] = [];
    for (let step = 0; step < 400; step += 1) {
      const asks = [first, second, first, second, first].map((budget) => budget.next("tenant-contoso"));
      slots.push(...(await Promise.all(asks)));
      time.advance(13);
    }
    expect(new Set(slots).size).toBe(slots.length);
    expect(busiestSecond(slots)).toBeLessThanOrEqual(TEAMS_LIMITS.sharedBudget.slotsPerWindow);
    expect(busiestSecond(slots)).toBeLessThan(TEAMS_LIMITS.perTenantPerSecond);
  });

  it("tenants have budgets of their own: one tenant's full second leaves another's untouched", async () => {
    const table = await new MemoryTableStoreFactory().table(TABLES.reminders);
    const time = simulatedTime(Date.parse("2026-03-02T08:00:00Z"));
    const budget = new TenantBudget(table, { ...TEAMS_LIMITS.sharedBudget, time });
    const contoso = await Promise.all(Array.from({ length: 48 }, () => budget.next("tenant-contoso")));
    const fabrikam = await budget.next("tenant-fabrikam");
    expect(Math.max(...contoso) - time.now()).toBeGreaterThan(900);
    expect(fabrikam - time.now()).toBeLessThan(50);
  });
});

describe("two dispatcher instances against a connector that counts every caller's requests per tenant", () => {
  let world: World;
  afterEach(() => world.close());

  it("together they stay under the tenant's 50 requests a second: no 429, every channel once", async () => {
    world = await startWorld("2026-03-01T00:00:00Z", { connector: { rateLimits: { perTenantPerSecond: TEAMS_LIMITS.perTenantPerSecond } } });
    const circles = [];
    for (let index = 0; index < 120; index += 1) circles.push(await circleWithChannel(world, index));
    for (const circle of circles) await setRhythm(world.context, circle.founder, circle.circleId, weeklyRhythm());
    world.clock.set(new Date("2026-03-02T08:00:00Z"));
    const dispatchers = [world.dispatcher({ owner: "instance-a", random: Math.random }), world.dispatcher({ owner: "instance-b", random: Math.random })];
    await Promise.all(dispatchers.map(async (dispatcher) => {
      for (let pass = 0; pass < 50 && posts(world.connector).length < circles.length; pass += 1) await dispatcher.runOnce();
    }));
    expect(world.connector.throttled).toEqual([]);
    expect(new Set(posts(world.connector).map((call) => call.conversationId)).size).toBe(circles.length);
    expect(posts(world.connector)).toHaveLength(circles.length);
    expect(new Set(posts(world.connector).map((call) => call.tenantId))).toEqual(new Set(["tenant-contoso"]));
  });
});
