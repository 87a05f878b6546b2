import { afterEach, describe, expect, it } from "vitest";
import { MemoryTableStoreFactory } from "../../storage/memory/memory-table-store.js";
import { TABLES } from "../../storage/partitions.js";
import { MAX_TRANSACTION_OPERATIONS, type TableStore, type TableStoreFactory } from "../../storage/table-store.js";
import { createDispatcher } from "../../reminders/dispatcher.js";
import { ReminderQueue } from "../../reminders/queue.js";
import { setRhythm } from "../../reminders/rhythms.js";
import { circleWithChannel, drain, posts, postsPerConversation, startWorld, weeklyRhythm, type World } from "./support.js";

const MONDAY_REMINDER = new Date("2026-03-02T08:00:00Z");
const LEASE_MS = 60_000;

/** The queue table of a process that dies at its `failAt`-th transaction: that transaction and everything after it fail. */
function dyingAtTransaction(inner: TableStoreFactory, failAt: number): TableStoreFactory {
  let transactions = 0;
  return {
    ping: () => inner.ping(),
    table: async (name) => {
      const table = await inner.table(name);
      if (name !== TABLES.reminderQueue) return table;
      const dying: TableStore = Object.create(table) as TableStore;
      dying.transact = async (partitionKey, operations) => {
        transactions += 1;
        if (transactions >= failAt) throw new Error("the process died");
        return table.transact(partitionKey, operations);
      };
      return dying;
    },
  };
}

describe("reminders for many organisations", () => {
  let world: World;
  afterEach(() => world.close());

  it("ten tenants are served side by side: each tenant's first reminder goes out before any tenant's second", async () => {
    world = await startWorld("2026-03-01T00:00:00Z", { storage: new MemoryTableStoreFactory() });
    const tenants = Array.from({ length: 10 }, (_, index) => `tenant-${index}`);
    for (const [index, tenant] of tenants.entries()) {
      for (let circle = 0; circle < 3; circle += 1) {
        const { founder, circleId } = await circleWithChannel(world, index * 3 + circle, 0, tenant);
        await setRhythm(world.context, founder, circleId, weeklyRhythm());
      }
    }
    world.clock.set(MONDAY_REMINDER);
    // One send per second per tenant: one tenant after another would send a tenant's three before the next tenant's first.
    await drain(world.dispatcher({ perTenantPerSecond: 1 }));
    const order = posts(world.connector).map((call) => call.tenantId);
    expect(order).toHaveLength(30);
    expect(new Set(order.slice(0, 10))).toEqual(new Set(tenants));
  });

  it("a reminder for more targets than one transaction holds is prepared in batches; a crash between them loses none and sends none twice", async () => {
    const storage = new MemoryTableStoreFactory();
    world = await startWorld("2026-03-01T00:00:00Z", { storage });
    const circle = await circleWithChannel(world, 1, 2 * MAX_TRANSACTION_OPERATIONS + 10);
    await setRhythm(world.context, circle.founder, circle.circleId, weeklyRhythm());
    world.clock.set(MONDAY_REMINDER);
    const dyingQueue = await ReminderQueue.open(dyingAtTransaction(storage, 2));
    const dying = createDispatcher({ context: { ...world.context, queue: dyingQueue }, sender: world.sender }, { owner: "dies-mid-preparation", leaseMs: LEASE_MS, concurrency: 0 });
    expect((await dying.runOnce()).errors).toBe(1);
    const halfPrepared = await world.queue.listAll();
    const occurrence = halfPrepared.find((row) => row.data.type === "occurrence" && row.data.due === MONDAY_REMINDER.toISOString());
    expect(occurrence?.data.type === "occurrence" && occurrence.data.fanOutCursor).toBe(MAX_TRANSACTION_OPERATIONS - 2);
    expect(halfPrepared.filter((row) => row.data.type === "delivery")).toHaveLength(MAX_TRANSACTION_OPERATIONS - 2);
    const survivor = world.dispatcher({ owner: "survivor", leaseMs: LEASE_MS });
    await drain(survivor);
    world.clock.advance(LEASE_MS + 1);
    await drain(survivor);
    const expected = [circle.channelId, ...circle.chats];
    expect(expected).toHaveLength(2 * MAX_TRANSACTION_OPERATIONS + 11);
    expect([...postsPerConversation(world.connector).entries()].sort()).toEqual(expected.map((id) => [id, 1]).sort());
    expect((await world.queue.listOccurrences(circle.circleId)).map((entry) => [entry.outcome, entry.targets])).toEqual([["fanned-out", expected.length]]);
    expect((await world.queue.listAll()).map((row) => row.data.type)).toEqual(["occurrence"]);
  });

  it("preparing reads the reminders it prepares, not the deliveries already prepared and waiting for their time", async () => {
    const rowsReadPreparing = async (alreadyPrepared: number): Promise<number> => {
      const reads = { rows: 0 };
      world = await startWorld("2026-03-01T00:00:00Z", { storage: rowCounting(new MemoryTableStoreFactory(), reads) });
      const dispatcher = world.dispatcher({ concurrency: 0 });
      const early = [];
      for (let index = 0; index < alreadyPrepared; index += 1) early.push(await circleWithChannel(world, index, 4));
      for (const circle of early) await setRhythm(world.context, circle.founder, circle.circleId, weeklyRhythm());
      world.clock.set(new Date(MONDAY_REMINDER.getTime() - 5 * 60_000));
      await dispatcher.runOnce();
      const late = [];
      for (let index = 100; index < 105; index += 1) late.push(await circleWithChannel(world, index, 4));
      for (const circle of late) await setRhythm(world.context, circle.founder, circle.circleId, weeklyRhythm({ time: "09:01" }));
      reads.rows = 0;
      expect((await dispatcher.runOnce()).fannedOut).toBe(5);
      await world.close();
      return reads.rows;
    };
    const alone = await rowsReadPreparing(0);
    const besideMany = await rowsReadPreparing(40);
    expect(besideMany).toBe(alone);
    world = await startWorld("2026-03-01T00:00:00Z", { storage: new MemoryTableStoreFactory() });
  });
});

/** Counts the rows every list call returns. */
function rowCounting(inner: TableStoreFactory, reads: { rows: number }): TableStoreFactory {
  return {
    ping: () => inner.ping(),
    table: async (name) => {
      const table = await inner.table(name);
      const counting: TableStore = Object.create(table) as TableStore;
      counting.list = async (partitionKey, range) => {
        const rows = await table.list(partitionKey, range);
        reads.rows += rows.length;
        return rows as never;
      };
      return counting;
    },
  };
}
