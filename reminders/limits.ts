/**
 * Every number that shapes how reminders are sent, in one place.
 * Teams' limits: https://learn.microsoft.com/microsoftteams/platform/bots/how-to/rate-limit
 */
export const TEAMS_LIMITS = {
  /** Per bot per conversation: every window must hold. */
  perConversation: [
    { sends: 7, windowMs: 1_000 },
    { sends: 8, windowMs: 2_000 },
    { sends: 60, windowMs: 30_000 },
    { sends: 1_800, windowMs: 3_600_000 },
  ],
  /** Per app per tenant (Teams documents 30–50 requests per second). */
  perTenantPerSecond: 50,
  /** Pace a little under the limit: the connector counts arrivals, and arrivals jitter. */
  pacingSafetyFactor: 1.02,
  /** Requests starting per tenant are also counted over a second plus this much (see SendSlots.requestStart). */
  requestWindowMarginMs: 15,
  /** Per-conversation windows are kept this much longer than Teams' own, for the same reason. */
  conversationWindowMarginMs: 250,
  /**
   * The per-tenant budget every instance shares (reminders/tenant-budget.ts): 48 evenly spaced
   * slots a second leave Teams' 50 room for arrival jitter; 12 at a time is about four leases a
   * second per busy tenant and instance (two storage calls each).
   */
  sharedBudget: { slotsPerWindow: 48, windowMs: 1_000, slotsPerLease: 12 },
  /** A lane claims a delivery this long before its slot: long enough for the claim and the "sending" mark, short enough that other instances can take the rest. */
  claimLeadMs: 150,
} as const;

export const RETRY_POLICY = {
  /** Statuses that mean "try again later" besides 429. */
  transientStatuses: [412, 500, 502, 503, 504] as readonly number[],
  baseDelayMs: 1_000,
  maxDelayMs: 5 * 60_000,
  /** 429s are expected under load; give up only after this many in a row. */
  maxThrottledAttempts: 12,
  /** 412/5xx/network errors. */
  maxTransientAttempts: 6,
  /** 404 ConversationNotFound can be transient: retry this often before deactivating. */
  maxNotFoundAttempts: 3,
  /** A delivery whose holders stopped half-way this often is given up (logged as failed), so one bad item cannot loop forever. */
  maxUnfinishedAttempts: 5,
  /** Kept in the delivery log per target. */
  historyLength: 20,
} as const;

export interface DispatchSettings {
  /** How long a claim on a queue item lasts; a crashed instance's items come back after this. */
  leaseMs: number;
  /** One HTTP call to the connector; far below leaseMs so that a live holder never outlives its lease. */
  sendTimeoutMs: number;
  /** Timer between passes when nothing is due. */
  pollIntervalMs: number;
  /** Parallel sends per tenant lane in one instance (the tenant's budget keeps them under its limit). */
  concurrency: number;
  /** Parallel fan-outs (one reminder → its targets) per instance. */
  fanOutConcurrency: number;
  /** Deliveries taken from one listing before listing again, so new work is seen and instances share. */
  maxItemsPerPass: number;
  /** A pass starts no new delivery after this long: items given back by a stopped instance, or retries, are seen by the next listing. */
  maxPassMs: number;
  /**
   * Reminders are prepared (targets resolved, agenda and cards rendered, deliveries queued) up to
   * this long before they are due, so that at the due time only the sends remain. A change made
   * inside this window (a skip, a company leaving, personal reminders turned off) does not reach a
   * reminder already prepared.
   */
  prepareAheadMs: number;
  /**
   * A send interrupted by a stopped instance (marked "sending", no outcome stored) may or may not
   * have reached Teams. "send-again" (default) sends it again: never lost, but a duplicate when Teams
   * had it. "assume-delivered" does not: never twice, but lost when the instance stopped after the
   * mark and before the request left. Either window is about one storage round trip wide.
   * See reminders/README.md.
   */
  inDoubtSends: "assume-delivered" | "send-again";
}

export const DEFAULT_DISPATCH: DispatchSettings = {
  leaseMs: 60_000,
  sendTimeoutMs: 15_000,
  pollIntervalMs: 10_000,
  concurrency: 16,
  fanOutConcurrency: 8,
  maxItemsPerPass: 1000,
  maxPassMs: 15_000,
  prepareAheadMs: 10 * 60_000,
  inDoubtSends: "send-again",
};
