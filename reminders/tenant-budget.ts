import { reminderKeys } from "../storage/partitions.js";
import { ConcurrencyError, EntityExistsError, type TableStore } from "../storage/table-store.js";
import { TEAMS_LIMITS } from "./limits.js";

/** Wall-clock milliseconds: every instance must agree on it (the calendar Clock of tests may stand still). */
export interface BudgetTime {
  now(): number;
  sleep(milliseconds: number): Promise<void>;
}

export const wallBudgetTime: BudgetTime = {
  now: () => Date.now(),
  sleep: (milliseconds) => new Promise((resolve) => setTimeout(resolve, milliseconds)),
};

/** How one tenant's send slots are shared (defaults in TEAMS_LIMITS.sharedBudget). */
export interface TenantBudgetOptions {
  /** Slots in one window of windowMs, evenly spaced over it: kept under Teams' per-tenant limit. */
  slotsPerWindow: number;
  windowMs: number;
  /** Slots an instance takes at once: larger costs fewer storage writes, smaller shares more finely. */
  slotsPerLease: number;
  time: BudgetTime;
}

/** One window of a tenant's slots, in a ring of rows reused for later windows. */
export interface BudgetWindowRecord {
  /** Which window (wall-clock ms / windowMs) this row counts now. */
  window: number;
  /** Slots handed out in it: slot indices below this are taken. */
  granted: number;
}

interface Pool {
  /** Slot times this instance holds, earliest first. */
  slots: number[];
  leasing: Promise<void> | undefined;
}

const RING_SIZE = 120;
const MAX_WRITE_ATTEMPTS = 20;
/** A window's slots so close to now that a lease's round trip would make them late are not handed out. */
const LEASE_LEAD_MS = 5;

/**
 * One send budget per tenant shared by every instance: each window of a second has
 * `slotsPerWindow` slots at fixed, evenly spaced instants, and a row per window in Table Storage
 * counts how many are handed out. An instance leases the next few free slot indices with an
 * ETag-conditional write; whoever sends, slot i of window w is at w·1000 + i·(1000 / slots), so
 * all instances together never put more than the limit into any second, sliding or not. A slot an
 * instance does not use in time is lost, not given to anyone else.
 */
export class TenantBudget {
  private readonly pools = new Map<string, Pool>();
  private readonly intervalMs: number;

  constructor(
    private readonly table: TableStore,
    private readonly options: TenantBudgetOptions = { ...TEAMS_LIMITS.sharedBudget, time: wallBudgetTime },
  ) {
    this.intervalMs = options.windowMs / options.slotsPerWindow;
  }

  get time(): BudgetTime {
    return this.options.time;
  }

  /**
   * How late a slot may be used: half a slot's spacing. Later, and several late sends (an
   * instance's event loop stalled) could crowd one second beyond the 2 requests the budget leaves spare.
   */
  get toleranceMs(): number {
    return this.intervalMs / 2;
  }

  /** The tenant's next slot this instance holds (wall-clock ms), leasing more when it runs out. The caller sends at that instant. */
  async next(tenantId: string): Promise<number> {
    const pool = this.poolOf(tenantId);
    for (;;) {
      const now = this.options.time.now();
      while ((pool.slots[0] ?? Infinity) < now - this.toleranceMs) pool.slots.shift();
      const slot = pool.slots.shift();
      if (slot !== undefined) {
        if (pool.slots.length < this.options.slotsPerLease / 2) void this.refill(tenantId, pool).catch(() => undefined);
        return slot;
      }
      await this.refill(tenantId, pool);
    }
  }

  private poolOf(tenantId: string): Pool {
    let pool = this.pools.get(tenantId);
    if (!pool) {
      pool = { slots: [], leasing: undefined };
      this.pools.set(tenantId, pool);
    }
    return pool;
  }

  private refill(tenantId: string, pool: Pool): Promise<void> {
    pool.leasing ??= this.lease(tenantId, pool).finally(() => {
      pool.leasing = undefined;
    });
    return pool.leasing;
  }

  /**
   * Takes free slots from the earliest window that has some, at most one window ahead: an instance
   * with many workers must not reserve the tenant's next seconds while others wait for them.
   */
  private async lease(tenantId: string, pool: Pool): Promise<void> {
    const { time, windowMs } = this.options;
    const after = Math.max(time.now(), pool.slots.at(-1) ?? 0);
    for (let window = Math.floor(after / windowMs); ; window += 1) {
      const opensIn = window * windowMs - windowMs - time.now();
      if (opensIn > 0) await time.sleep(opensIn);
      const slots = await this.takeFrom(tenantId, window, Math.max(after, time.now()));
      if (slots.length === 0) continue;
      pool.slots.push(...slots);
      pool.slots.sort((a, b) => a - b);
      return;
    }
  }

  private async takeFrom(tenantId: string, window: number, after: number): Promise<number[]> {
    const partition = reminderKeys.budgetPartition(tenantId);
    const rowKey = reminderKeys.budgetRow(window % RING_SIZE);
    const windowStart = window * this.options.windowMs;
    const firstUsable = Math.max(0, Math.ceil((after + LEASE_LEAD_MS - windowStart) / this.intervalMs));
    for (let attempt = 0; attempt < MAX_WRITE_ATTEMPTS; attempt += 1) {
      const row = await this.table.get<BudgetWindowRecord>(partition, rowKey);
      if (row && row.data.window > window) return [];
      const granted = row && row.data.window === window ? row.data.granted : 0;
      const start = Math.max(granted, firstUsable);
      if (start >= this.options.slotsPerWindow) return [];
      const end = Math.min(this.options.slotsPerWindow, start + this.options.slotsPerLease);
      const data: BudgetWindowRecord = { window, granted: end };
      try {
        if (row) await this.table.replace(partition, rowKey, data, row.etag);
        else await this.table.insert(partition, rowKey, data);
      } catch (error) {
        if (error instanceof ConcurrencyError || error instanceof EntityExistsError) continue;
        throw error;
      }
      return Array.from({ length: end - start }, (_, index) => windowStart + (start + index) * this.intervalMs);
    }
    throw new Error("The tenant's send budget stayed contended; trying again in the next pass");
  }
}
