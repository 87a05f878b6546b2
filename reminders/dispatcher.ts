import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { StoredRow } from "../storage/table-store.js";
import type { ReminderContext } from "./context.js";
import { deliver, type DeliveryPass, type DeliveryResult } from "./deliver.js";
import { deliveryItemOf, planFanOut, reminderKeyOf } from "./fan-out.js";
import { DEFAULT_DISPATCH, TEAMS_LIMITS, type DispatchSettings } from "./limits.js";
import { fanOutLeadNotice } from "./lead-notices.js";
import type { DeliveryItem, LeadNoticeItem, OccurrenceItem, QueueItem, ReminderContent } from "./queue.js";
import { SendSlots } from "./send-slots.js";
import type { ReminderSender } from "./sender.js";

export interface DispatcherOptions extends Partial<DispatchSettings> {
  /** Names this instance in leases and the delivery log; unique per process. */
  owner?: string;
  /** Requests per second per tenant this instance allows itself. */
  perTenantPerSecond?: number;
  slots?: SendSlots;
  random?: () => number;
}

export interface PassSummary {
  /** Items free when the pass listed the queue: deliveries due now, and occurrences due within the preparation window. */
  due: number;
  fannedOut: number;
  sent: number;
  alreadySent: number;
  retrying: number;
  failed: number;
  deactivated: number;
  dropped: number;
  /** Interrupted sends found after a stop, not sent again. */
  unconfirmed: number;
  /** Another instance claimed the item first. */
  conflicts: number;
  /** Left for a later pass: its conversation is at Teams' limit right now. */
  deferred: number;
  /** Unexpected errors (logged); the item comes back when its lease runs out. */
  errors: number;
}

export interface Dispatcher {
  readonly owner: string;
  /** One pass: list the queue, prepare (fan out) what is due soon, deliver what is due now. Stops starting new items when the signal aborts. */
  runOnce(signal?: AbortSignal): Promise<PassSummary>;
}

export function createDispatcher(deps: { context: ReminderContext; sender: ReminderSender }, options: DispatcherOptions = {}): Dispatcher {
  const { owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`, perTenantPerSecond = TEAMS_LIMITS.perTenantPerSecond, slots, random = Math.random, ...overrides } = options;
  const settings: DispatchSettings = { ...DEFAULT_DISPATCH, ...withoutUndefined(overrides) };
  const sendSlots = slots ?? new SendSlots(perTenantPerSecond);
  return { owner, runOnce: (signal) => runPass({ ...deps, owner, settings, slots: sendSlots, random }, signal) };
}

interface PassDeps {
  context: ReminderContext;
  sender: ReminderSender;
  owner: string;
  settings: DispatchSettings;
  slots: SendSlots;
  random: () => number;
}

async function runPass(deps: PassDeps, signal: AbortSignal | undefined): Promise<PassSummary> {
  const { context, settings } = deps;
  const now = context.clock.now().toISOString();
  const isDue = (row: StoredRow<QueueItem>): boolean => row.data.due <= now;
  const listed = await context.queue.listDue(context.clock.now(), settings.prepareAheadMs);
  const due = shuffled(listed.filter((row) => row.data.type === "occurrence" || isDue(row)), deps.random).slice(0, settings.maxItemsPerPass);
  const summary = emptySummary(due.length);
  const pass = deliveryPass(deps);
  const occurrences = due.filter((row): row is StoredRow<OccurrenceItem | LeadNoticeItem> => row.data.type === "occurrence" || row.data.type === "lead-notice");
  const deliveries = new WorkQueue(due.filter((row): row is StoredRow<DeliveryItem> => row.data.type === "delivery"));
  const fanOuts = forEachLimited(occurrences, settings.fanOutConcurrency, signal, async (row) => {
    const outcome = await safely(deps, row, summary, () => (isLeadNotice(row) ? fanOutLeadNotice(deps, row) : fanOutItem(deps, row as StoredRow<OccurrenceItem>)));
    if (outcome) count(summary, outcome.result);
    if (outcome?.content && row.data.type === "occurrence") pass.remember(row.data.circleId, reminderKeyOf(row.data), outcome.content);
    for (const delivery of outcome?.queued ?? []) if (isDue(delivery)) deliveries.push(delivery);
  }).finally(() => deliveries.close());
  const sendOne = async (row: StoredRow<DeliveryItem>): Promise<void> => {
    const result = await safely(deps, row, summary, () => deliver(pass, row));
    if (result) count(summary, result);
  };
  const sends = Promise.all(
    Array.from({ length: settings.concurrency }, async () => {
      for (let row = await deliveries.next(); row && !signal?.aborted; row = await deliveries.next()) await sendOne(row);
    }),
  );
  await Promise.all([fanOuts, sends]);
  const didWork = summary.fannedOut + summary.sent + summary.retrying + summary.failed + summary.deactivated + summary.errors > 0;
  if (summary.due > 0) context.logger[didWork ? "info" : "debug"]({ owner: deps.owner, ...summary }, "reminder pass");
  return summary;
}

function isLeadNotice(row: StoredRow<OccurrenceItem | LeadNoticeItem>): row is StoredRow<LeadNoticeItem> {
  return row.data.type === "lead-notice";
}

/** Deliveries of one pass: those listed, then those its fan-outs queue, taken by several workers. */
class WorkQueue<T> {
  private readonly waiting: ((item: T | undefined) => void)[] = [];
  private closed = false;

  constructor(private readonly items: T[]) {}

  push(item: T): void {
    const waiter = this.waiting.shift();
    if (waiter) waiter(item);
    else this.items.push(item);
  }

  /** No more pushes: workers finish what is left, then stop. */
  close(): void {
    this.closed = true;
    for (const waiter of this.waiting.splice(0)) waiter(undefined);
  }

  next(): Promise<T | undefined> {
    if (this.items.length > 0) return Promise.resolve(this.items.shift());
    if (this.closed) return Promise.resolve(undefined);
    return new Promise((resolve) => this.waiting.push(resolve));
  }
}

function deliveryPass(deps: PassDeps): DeliveryPass & { remember(circleId: string, reminderKey: string, content: ReminderContent): void } {
  const contents = new Map<string, Promise<ReminderContent | undefined>>();
  const keyOf = (circleId: string, reminderKey: string): string => `${circleId}\n${reminderKey}`;
  return {
    context: deps.context,
    sender: deps.sender,
    slots: deps.slots,
    owner: deps.owner,
    settings: deps.settings,
    random: deps.random,
    deactivated: new Set(),
    content: (circleId, reminderKey) => {
      const key = keyOf(circleId, reminderKey);
      let content = contents.get(key);
      if (!content) {
        content = deps.context.queue.getContent(circleId, reminderKey);
        contents.set(key, content);
      }
      return content;
    },
    remember: (circleId, reminderKey, content) => void contents.set(keyOf(circleId, reminderKey), Promise.resolve(content)),
  };
}

type FanOutResult = "fanned-out" | "conflict";

/**
 * Claims an occurrence item and replaces it, in one transaction, by its deliveries and the next
 * reminder of the chain. The deliveries come back ready to send in this same pass.
 */
async function fanOutItem(deps: PassDeps, row: StoredRow<OccurrenceItem>): Promise<{ result: FanOutResult; queued: StoredRow<DeliveryItem>[]; content?: ReminderContent }> {
  const { context } = deps;
  const now = context.clock.now();
  const claimed = await context.queue.claim(row, deps.owner, now, deps.settings.leaseMs);
  if (!claimed) return { result: "conflict", queued: [] };
  const plan = await planFanOut(context, claimed.data, now);
  const item = claimed.data;
  await context.queue.recordOccurrence({
    circleId: item.circleId,
    reminderKey: reminderKeyOf(item),
    rhythmKind: item.rhythmKind,
    step: item.step,
    occurrence: item.occurrence,
    outcome: plan.outcome,
    targets: plan.targets.length,
    at: now.toISOString(),
    ...(plan.content ? { content: plan.content } : {}),
  });
  const queued = await context.queue.fanOut(claimed, plan.targets.map((target) => deliveryItemOf(item, target)), plan.next);
  if (!queued) return { result: "conflict", queued: [] };
  return { result: "fanned-out", queued, ...(plan.content ? { content: plan.content } : {}) };
}

/** Runs one item; an unexpected error is logged and counted, and the item comes back when its lease runs out. */
async function safely<T>(deps: PassDeps, row: StoredRow<QueueItem>, summary: PassSummary, work: () => Promise<T>): Promise<T | undefined> {
  try {
    return await work();
  } catch (error) {
    summary.errors += 1;
    deps.context.logger.error({ err: error, itemType: row.data.type, circleId: row.data.circleId, step: "step" in row.data ? row.data.step : undefined }, "reminder item failed; it comes back when its lease runs out");
    return undefined;
  }
}

function count(summary: PassSummary, result: DeliveryResult | FanOutResult): void {
  const field: Record<DeliveryResult | FanOutResult, keyof PassSummary> = {
    "fanned-out": "fannedOut",
    sent: "sent",
    "already-sent": "alreadySent",
    retrying: "retrying",
    failed: "failed",
    deactivated: "deactivated",
    dropped: "dropped",
    unconfirmed: "unconfirmed",
    conflict: "conflicts",
    deferred: "deferred",
  };
  summary[field[result]] += 1;
}

function emptySummary(due: number): PassSummary {
  return { due, fannedOut: 0, sent: 0, alreadySent: 0, retrying: 0, failed: 0, deactivated: 0, dropped: 0, unconfirmed: 0, conflicts: 0, deferred: 0, errors: 0 };
}

/** Several instances list the same due items; taking them in different orders keeps them from colliding on every claim. */
function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let index = copy.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    [copy[index], copy[other]] = [copy[other] as T, copy[index] as T];
  }
  return copy;
}

async function forEachLimited<T>(items: readonly T[], limit: number, signal: AbortSignal | undefined, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length && !signal?.aborted) {
      const item = items[next] as T;
      next += 1;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as Partial<T>;
}
