import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { StoredRow } from "../storage/table-store.js";
import type { ReminderContext } from "./context.js";
import { deliver, type DeliveryPass, type DeliveryResult } from "./deliver.js";
import { deliveryItemOf, planFanOut, reminderKeyOf } from "./fan-out.js";
import { DEFAULT_DISPATCH, TEAMS_LIMITS, type DispatchSettings } from "./limits.js";
import { REMINDER_QUEUE_SHARDS } from "../storage/partitions.js";
import { TenantLanes } from "./pipeline.js";
import { SentBatch } from "./sent-batch.js";
import { fanOutLeadNotice } from "./lead-notices.js";
import type { DeliveryItem, LeadNoticeItem, OccurrenceItem, QueueItem, ReminderContent } from "./queue.js";
import { SendSlots, type SlotTicket } from "./send-slots.js";
import { TenantBudget, wallBudgetTime } from "./tenant-budget.js";
import type { ReminderSender } from "./sender.js";

/** Sent deliveries wait this long for others to be logged and removed with them. */
const SENT_BATCH_DELAY_MS = 25;
const SENT_BATCH_MAX_ITEMS = 200;

export interface DispatcherOptions extends Partial<DispatchSettings> {
  /** Names this instance in leases and the delivery log; unique per process. */
  owner?: string;
  /** Teams' requests per second per tenant, shared by every instance through the tenant budget. */
  perTenantPerSecond?: number;
  /** Replaces the pacing entirely (tests); without, a SendSlots over the shared tenant budget. */
  slots?: SendSlots;
  /** The shared per-tenant budget; by default kept in the reminders table. */
  budget?: TenantBudget;
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
  const { owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`, perTenantPerSecond = TEAMS_LIMITS.perTenantPerSecond, slots, budget: sharedBudget, random = Math.random, ...overrides } = options;
  const settings: DispatchSettings = { ...DEFAULT_DISPATCH, ...withoutUndefined(overrides) };
  const sendSlots = slots ?? new SendSlots(perTenantPerSecond, undefined, sharedBudget ?? new TenantBudget(deps.context.queue.budgetStore(), budgetOptionsFor(perTenantPerSecond)));
  const shardOrder = rotated(shardNumbers(), random);
  return { owner, runOnce: (signal) => runPass({ ...deps, shardOrder, owner, settings, slots: sendSlots, random }, signal) };
}

interface PassDeps {
  /** The order this instance reads the queue's shards in: its own rotation, so that instances mostly work on different shards. */
  shardOrder: readonly number[];
  context: ReminderContext;
  sender: ReminderSender;
  owner: string;
  settings: DispatchSettings;
  slots: SendSlots;
  random: () => number;
}

async function runPass(deps: PassDeps, stop: AbortSignal | undefined): Promise<PassSummary> {
  const { context, settings } = deps;
  const signal = AbortSignal.any([AbortSignal.timeout(settings.maxPassMs), ...(stop ? [stop] : [])]);
  const now = context.clock.now();
  const isDue = (row: StoredRow<DeliveryItem>): boolean => row.data.due <= now.toISOString();
  const summary = emptySummary(0);
  const pass = deliveryPass(deps);
  const lanes = new TenantLanes<StoredRow<DeliveryItem>>((row) => row.data.target.tenantId, settings.concurrency, () => laneWorker(deps, pass, summary), signal);
  let room = settings.maxItemsPerPass;
  const listing = context.queue.listDeliverable(now, settings.maxItemsPerPass, deps.shardOrder, (rows) => {
    // By circle: a circle's deliveries are then sent close together, and logged in one write.
    // Each instance starts at its own random circle, so two instances on one shard rarely meet.
    const taken = rotated(byCircle(shuffled(rows, deps.random).slice(0, Math.max(0, room))), deps.random);
    room -= taken.length;
    summary.due += taken.length;
    for (const row of taken) lanes.push(row);
  });
  const preparing = context.queue.listPreparable(now, settings.prepareAheadMs).then((occurrences) => {
    summary.due += occurrences.length;
    return forEachLimited(shuffled(occurrences, deps.random), settings.fanOutConcurrency, signal, async (row) => {
      const outcome = await safely(deps, row, summary, () => (isLeadNotice(row) ? fanOutLeadNotice(deps, row) : fanOutItem(deps, row as StoredRow<OccurrenceItem>)));
      if (outcome) count(summary, outcome.result);
      if (outcome?.content && row.data.type === "occurrence") pass.remember(row.data.circleId, reminderKeyOf(row.data), outcome.content);
      for (const delivery of outcome?.queued ?? []) if (isDue(delivery)) lanes.push(delivery);
    });
  });
  await Promise.all([listing, preparing]);
  lanes.close();
  await lanes.done();
  const didWork = summary.fannedOut + summary.sent + summary.retrying + summary.failed + summary.deactivated + summary.errors > 0;
  if (summary.due > 0) context.logger[didWork ? "info" : "debug"]({ owner: deps.owner, tenants: lanes.tenants, ...summary }, "reminder pass");
  return summary;
}

function isLeadNotice(row: StoredRow<OccurrenceItem | LeadNoticeItem>): row is StoredRow<LeadNoticeItem> {
  return row.data.type === "lead-notice";
}

/**
 * One worker of a tenant's lane: reserves the tenant's next slot first, claims the delivery just
 * before it (claimLeadMs), and keeps the slot for the next delivery when this one was not sent
 * (taken by another instance, deferred, dropped).
 */
function laneWorker(deps: PassDeps, pass: DeliveryPass, summary: PassSummary): (row: StoredRow<DeliveryItem>) => Promise<void> {
  let ticket: SlotTicket | undefined;
  return async (row) => {
    const result = await safely(deps, row, summary, async () => {
      if (!ticket || ticket.isUsed || ticket.isExpired) ticket = await deps.slots.ticket(row.data.target.tenantId);
      await ticket.until(TEAMS_LIMITS.claimLeadMs);
      return deliver(pass, row, ticket);
    });
    if (result) count(summary, result);
  };
}

function byCircle(rows: StoredRow<DeliveryItem>[]): StoredRow<DeliveryItem>[] {
  return rows.sort((a, b) => (a.data.circleId < b.data.circleId ? -1 : a.data.circleId > b.data.circleId ? 1 : 0));
}

function rotated<T>(items: T[], random: () => number): T[] {
  const start = Math.floor(random() * items.length);
  return [...items.slice(start), ...items.slice(0, start)];
}

function shardNumbers(): number[] {
  return Array.from({ length: REMINDER_QUEUE_SHARDS }, (_, shard) => shard);
}

function deliveryPass(deps: PassDeps): DeliveryPass & { remember(circleId: string, reminderKey: string, content: ReminderContent): void } {
  const contents = new Map<string, Promise<ReminderContent | undefined>>();
  const sent = new SentBatch(deps.context.queue, SENT_BATCH_DELAY_MS, SENT_BATCH_MAX_ITEMS);
  const keyOf = (circleId: string, reminderKey: string): string => `${circleId}\n${reminderKey}`;
  return {
    context: deps.context,
    sender: deps.sender,
    slots: deps.slots,
    owner: deps.owner,
    settings: deps.settings,
    random: deps.random,
    deactivated: new Set(),
    finishSent: (claimed, record) => sent.add(claimed, record),
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

/** The shared budget's slots for a tenant limit: the default 48 of 50, in proportion for others. */
export function budgetOptionsFor(perTenantPerSecond: number): ConstructorParameters<typeof TenantBudget>[1] {
  const { slotsPerWindow, windowMs, slotsPerLease } = TEAMS_LIMITS.sharedBudget;
  const slots = Math.max(1, Math.floor((perTenantPerSecond * slotsPerWindow) / TEAMS_LIMITS.perTenantPerSecond));
  return { slotsPerWindow: slots, windowMs, slotsPerLease: Math.min(slotsPerLease, slots), time: wallBudgetTime };
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as Partial<T>;
}
