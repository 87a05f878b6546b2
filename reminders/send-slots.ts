import { TEAMS_LIMITS } from "./limits.js";
import type { BudgetTime, TenantBudget } from "./tenant-budget.js";

/** Real time for pacing (the injected Clock is calendar time; sends are paced in real milliseconds). */
export interface PacerTime {
  now(): number;
  sleep(milliseconds: number): Promise<void>;
}

const FORGET_QUIET_CONVERSATIONS_ABOVE = 10_000;

export const realPacerTime: PacerTime = {
  now: () => performance.now(),
  sleep: (milliseconds) => new Promise((resolve) => setTimeout(resolve, milliseconds)),
};

/**
 * A reserved moment to send to a tenant. Taken before the delivery is claimed, so that the claim
 * is held only shortly before the send; wait() sleeps until the moment, or takes a new one when
 * this one was missed by more than its tolerance (a late send would crowd the next slot).
 */
export class SlotTicket {
  private used = false;

  constructor(
    private at: number,
    private readonly time: BudgetTime,
    private readonly toleranceMs: number,
    private readonly renew: () => Promise<number>,
  ) {}

  get isUsed(): boolean {
    return this.used;
  }

  /** Missed by more than its tolerance: of no use any more. */
  get isExpired(): boolean {
    return this.time.now() > this.at + this.toleranceMs;
  }

  /** Sleeps until `leadMs` before the slot (to claim in time). */
  async until(leadMs: number): Promise<void> {
    const wait = this.at - leadMs - this.time.now();
    if (wait > 0) await this.time.sleep(wait);
  }

  /**
   * Sleeps until the slot and uses it up. Checked again after the sleep: a timer that fired late
   * (a busy event loop) must not send late, or several late sends land in the next instance's slots.
   */
  async wait(): Promise<void> {
    for (;;) {
      while (this.isExpired) this.at = await this.renew();
      const wait = this.at - this.time.now();
      if (wait > 0) await this.time.sleep(wait);
      if (!this.isExpired) break;
    }
    this.used = true;
  }
}

/**
 * Keeps sends under Teams' limits: every per-conversation window (per instance), and per tenant
 * either the budget shared by all instances (TenantBudget, the dispatcher's default) or, without
 * one, an even pace of this instance alone. A send is counted when its slot is reserved, so
 * parallel workers cannot all pass the same check. A 429 that still comes is honoured per item
 * through the queue (notBefore), in calendar (Clock) time.
 */
export class SendSlots {
  private readonly nextSlotByTenant = new Map<string, number>();
  private readonly requestStartsByTenant = new Map<string, number[]>();
  private readonly sendsByConversation = new Map<string, number[]>();
  private readonly intervalMs: number;

  constructor(
    private readonly perTenantPerSecond: number = TEAMS_LIMITS.perTenantPerSecond,
    private readonly time: PacerTime = realPacerTime,
    private readonly budget?: TenantBudget,
  ) {
    this.intervalMs = (1000 / perTenantPerSecond) * TEAMS_LIMITS.pacingSafetyFactor;
  }

  /** Milliseconds until the conversation may get another message (0: now). */
  conversationWait(conversationId: string): number {
    const now = this.time.now();
    const sends = this.recentSends(conversationId, now);
    const waits = TEAMS_LIMITS.perConversation.map(({ sends: limit, windowMs }) => {
      const blocking = sends[sends.length - limit];
      const window = windowMs + TEAMS_LIMITS.conversationWindowMarginMs;
      return blocking !== undefined && blocking > now - window ? blocking + window - now : 0;
    });
    return Math.max(0, ...waits);
  }

  /**
   * Counts a send to the conversation, unless it is at one of its limits right now (false: try it
   * later). Check and count are one step, so parallel workers cannot all pass the same check.
   */
  reserveConversation(conversationId: string): boolean {
    if (this.conversationWait(conversationId) > 0) return false;
    const now = this.time.now();
    this.recentSends(conversationId, now).push(now);
    return true;
  }

  /** Waits for the tenant's next free slot; taken right before the HTTP call, so that arrivals keep the pace. */
  async tenantSlot(tenantId: string): Promise<void> {
    await (await this.ticket(tenantId)).wait();
  }

  /** Reserves the tenant's next slot without waiting for it. */
  async ticket(tenantId: string): Promise<SlotTicket> {
    const budget = this.budget;
    if (budget) return new SlotTicket(await budget.next(tenantId), budget.time, budget.toleranceMs, () => budget.next(tenantId));
    const local = (): Promise<number> => Promise.resolve(this.localSlot(tenantId));
    return new SlotTicket(this.localSlot(tenantId), this.time, this.intervalMs, local);
  }

  private localSlot(tenantId: string): number {
    const slot = Math.max(this.time.now(), this.nextSlotByTenant.get(tenantId) ?? 0);
    this.nextSlotByTenant.set(tenantId, slot + this.intervalMs);
    return slot;
  }

  /**
   * The last gate before the HTTP call: at most the tenant limit of requests may start in any
   * window of a second (plus a margin for arrival jitter). The even pace keeps this from waiting
   * in the normal case; it catches starts bunched up by storage latency before them.
   */
  async requestStart(tenantId: string): Promise<void> {
    const window = 1000 + TEAMS_LIMITS.requestWindowMarginMs;
    for (;;) {
      const now = this.time.now();
      const starts = (this.requestStartsByTenant.get(tenantId) ?? []).filter((at) => at > now - window);
      this.requestStartsByTenant.set(tenantId, starts);
      const oldest = starts[0];
      if (starts.length < this.perTenantPerSecond || oldest === undefined) {
        starts.push(now);
        return;
      }
      await this.time.sleep(oldest + window - now);
    }
  }

  private recentSends(conversationId: string, now: number): number[] {
    const sends = (this.sendsByConversation.get(conversationId) ?? []).filter((at) => at > now - this.longestWindowMs());
    this.sendsByConversation.set(conversationId, sends);
    if (this.sendsByConversation.size > FORGET_QUIET_CONVERSATIONS_ABOVE) this.forgetQuietConversations(now);
    return sends;
  }

  /** A long-running server meets many conversations; those quiet for longer than every window need no memory. */
  private forgetQuietConversations(now: number): void {
    for (const [conversationId, sends] of this.sendsByConversation) {
      if ((sends.at(-1) ?? 0) <= now - this.longestWindowMs()) this.sendsByConversation.delete(conversationId);
    }
  }

  private longestWindowMs(): number {
    return Math.max(...TEAMS_LIMITS.perConversation.map((limit) => limit.windowMs)) + TEAMS_LIMITS.conversationWindowMarginMs;
  }
}
