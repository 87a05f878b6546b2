import type { ReminderStep, RhythmKind } from "../core/schedule/types.js";
import { reminderKeys, reminderQueueKeys, TABLES, type QueueItemKind } from "../storage/partitions.js";
import {
  ConcurrencyError,
  EntityExistsError,
  EntityNotFoundError,
  MAX_TRANSACTION_OPERATIONS,
  TransactionError,
  type RowOperation,
  type StoredRow,
  type TableStore,
  type TableStoreFactory,
} from "../storage/table-store.js";
import type { DeliveryTarget } from "./targets.js";
import type { LeadNoticeStep } from "./lead-notices.js";

/** Who holds a queue item, until when. A holder that crashed loses it when `until` passes. */
export interface Lease {
  owner: string;
  until: string;
  claimedAt: string;
  /** Set right before the HTTP call: from here on, a crash leaves the send in doubt. */
  sendingSince?: string;
}

interface QueueItemBase {
  itemId: string;
  circleId: string;
  /** ISO; also the start of the row key. */
  due: string;
  /** A retry waits until then (the row key keeps the original due time). */
  notBefore?: string;
  /** Failed attempts so far. */
  attempts: number;
  /** Present while a holder works on it; still present after a crash (the attempt is then in doubt). */
  lease?: Lease;
  /** How often a holder took it and never finished (crashed, or failed unexpectedly half-way). */
  unfinishedAttempts?: number;
}

/** A notice about one lead to its receiving company's people (reminders/lead-notices.ts), not yet fanned out; queued and prepared like an occurrence. */
export interface LeadNoticeItem extends QueueItemBase {
  type: "lead-notice";
  leadId: string;
  step: LeadNoticeStep;
  fanOutCursor?: number;
}

/** One reminder of one occurrence, not yet fanned out to its targets. */
export interface OccurrenceItem extends QueueItemBase {
  type: "occurrence";
  rhythmKind: RhythmKind;
  step: ReminderStep;
  /** ISO start of the meeting, review or cycle. */
  occurrence: string;
  /** The rhythm's schedule it was planned under (absent for a snooze, which is about one occurrence). */
  scheduleId?: string;
  /** "Snooze 1 day": the same reminder again, to the one conversation where it was snoozed. */
  snooze?: { target: DeliveryTarget; variant: string };
  /** Targets already queued when a large fan-out is split into several transactions. */
  fanOutCursor?: number;
}

export type AttemptOutcome = "sent" | "throttled" | "transient" | "forbidden" | "not-found" | "chat-recreated" | "chat-recreate-failed" | "failed";

/** One try to send, as recorded in the delivery log. */
export interface AttemptRecord {
  at: string;
  owner: string;
  conversationId: string;
  outcome: AttemptOutcome;
  status?: number;
  code?: string;
  retryAfterMs?: number;
}

/** Which reminder goes to which target: shared by the queued delivery and its log record. */
export interface DeliveryIdentity {
  reminderKey: string;
  targetId: string;
  /** "lead" for a lead notice. */
  rhythmKind: RhythmKind | "lead";
  step: ReminderStep | LeadNoticeStep;
  occurrence: string;
  target: DeliveryTarget;
}

/** One reminder to one target. */
export interface DeliveryItem extends QueueItemBase, DeliveryIdentity {
  type: "delivery";
  history: AttemptRecord[];
  /** Set once the person's deleted 1:1 chat was re-created for this delivery. */
  chatRecreated?: boolean;
  /** An earlier attempt timed out after the request went out: Teams may already have it. */
  unansweredSend?: boolean;
}

export type QueueItem = OccurrenceItem | DeliveryItem | LeadNoticeItem;

/** "unconfirmed": an instance stopped in the middle of the send; not sent again (see inDoubtSends). */
export type DeliveryOutcome = "sent" | "retrying" | "deactivated" | "failed" | "dropped" | "unconfirmed";

/** The delivery log: every send to a target and how it ended. Partition "log|<circle>". */
export interface DeliveryLogRecord extends DeliveryIdentity {
  circleId: string;
  outcome: DeliveryOutcome;
  /** Why it was dropped or failed, in words for the log reader. */
  reason?: string;
  activityId?: string;
  /** An earlier send may have reached Teams (an instance stopped in its middle, or it timed out), and this one was sent again: possibly a duplicate. */
  sentAgainAfterInterruptedSend?: boolean;
  attempts: AttemptRecord[];
  updatedAt: string;
}

/** A rendered reminder: one card per audience, read by each delivery. */
export interface ReminderContent {
  summary: string;
  cards: { channel: object; personal: object };
}

/** What one occurrence reminder became: fanned out to n targets (with the content they get), or why not. */
export interface OccurrenceLogRecord {
  circleId: string;
  reminderKey: string;
  rhythmKind: RhythmKind | "lead";
  step: ReminderStep | LeadNoticeStep;
  occurrence: string;
  outcome: "fanned-out" | "stale-schedule" | "paused" | "over" | "superseded" | "meeting-cancelled" | "meeting-held" | "no-targets" | "everyone-answered" | "nobody-assessed" | "circle-gone";
  targets: number;
  at: string;
  /** Written before the deliveries are queued, so that every delivery finds it. */
  content?: ReminderContent;
}

/** Room in one transaction for the item itself and the next reminder of its chain. */
const TARGETS_PER_TRANSACTION = MAX_TRANSACTION_OPERATIONS - 2;
/** Shards listed at once while gathering a pass's deliveries. */
const SHARDS_LISTED_TOGETHER = 2;

/**
 * The due-reminder queue (TABLES.reminderQueue, sharded: see storage/partitions.ts reminderQueueKeys)
 * and the delivery log (TABLES.reminders).
 */
export class ReminderQueue {
  private constructor(
    private readonly table: TableStore,
    private readonly log: TableStore,
  ) {}

  static async open(factory: TableStoreFactory): Promise<ReminderQueue> {
    const [table, log] = await Promise.all([factory.table(TABLES.reminderQueue), factory.table(TABLES.reminders)]);
    const queue = new ReminderQueue(table, log);
    await queue.moveLegacyItems();
    return queue;
  }

  /** Where the shared per-tenant send budget is kept (reminders/tenant-budget.ts). */
  budgetStore(): TableStore {
    return this.log;
  }

  /** Queues an item; false when an item with the same due time and id is already queued. */
  async enqueue(item: QueueItem): Promise<boolean> {
    try {
      await this.table.insert(reminderQueueKeys.partitionOf(item.circleId), rowKeyOf(item), item);
      return true;
    } catch (error) {
      if (error instanceof EntityExistsError) return false;
      throw error;
    }
  }

  /**
   * Items due by `now` (or `lookAheadMs` later) that nobody holds and that are not waiting for a
   * retry, in due order: two range queries per shard.
   */
  async listDue(now: Date, lookAheadMs = 0): Promise<StoredRow<QueueItem>[]> {
    const upTo = new Date(now.getTime() + lookAheadMs).toISOString();
    const [occurrences, deliveries] = await Promise.all([this.listKind("occurrence", upTo, reminderQueueKeys.partitions()), this.listKind("delivery", upTo, reminderQueueKeys.partitions())]);
    return byDue([...occurrences, ...deliveries].filter((row) => isAvailable(row.data, now)));
  }

  /** Occurrences to prepare: due by `now + aheadMs`, free. One small range query per shard (prepared deliveries are not in it). */
  async listPreparable(now: Date, aheadMs: number): Promise<StoredRow<OccurrenceItem | LeadNoticeItem>[]> {
    const upTo = new Date(now.getTime() + aheadMs).toISOString();
    const rows = await this.listKind<OccurrenceItem | LeadNoticeItem>("occurrence", upTo, reminderQueueKeys.partitions());
    return rows.filter((row) => isAvailable(row.data, now));
  }

  /**
   * Free deliveries due by `now`, shard by shard in the given order (a few shards at once), each
   * shard's rows handed to `take` as soon as they arrive, until at least `enough` were handed over:
   * a pass costs listings in proportion to what it takes, not to the queue's length, and it starts
   * claiming while later shards are still being read.
   */
  async listDeliverable(now: Date, enough: number, shardOrder: readonly number[], take: (rows: StoredRow<DeliveryItem>[]) => void): Promise<number> {
    const upTo = now.toISOString();
    let found = 0;
    let next = 0;
    const reader = async (): Promise<void> => {
      while (next < shardOrder.length && found < enough) {
        const shard = shardOrder[next] as number;
        next += 1;
        const rows = (await this.listKind<DeliveryItem>("delivery", upTo, [reminderQueueKeys.partition(shard)])).filter((row) => isAvailable(row.data, now));
        found += rows.length;
        if (rows.length > 0) take(rows);
      }
    };
    await Promise.all(Array.from({ length: SHARDS_LISTED_TOGETHER }, reader));
    return found;
  }

  /** Occurrences due by then that are not fanned out yet, held or not (benchmarks, diagnostics). */
  async countOccurrencesDueBy(upTo: Date): Promise<number> {
    return (await this.listKind("occurrence", upTo.toISOString(), reminderQueueKeys.partitions())).length;
  }

  /** Every queued item, due or not, in due order (tests, benchmarks, diagnostics). */
  async listAll(): Promise<StoredRow<QueueItem>[]> {
    const shards = await Promise.all(reminderQueueKeys.partitions().map((partition) => this.table.list<QueueItem>(partition)));
    return byDue(shards.flat());
  }

  /** Takes the item for `leaseMs`, if it is still as listed; `sending`: marked as being sent from now on (see markSending). Undefined when another instance got it first. */
  async claim<T extends QueueItem>(row: StoredRow<T>, owner: string, now: Date, leaseMs: number, options: { sending?: boolean } = {}): Promise<StoredRow<T> | undefined> {
    const lease: Lease = { owner, claimedAt: now.toISOString(), until: new Date(now.getTime() + leaseMs).toISOString(), ...(options.sending ? { sendingSince: now.toISOString() } : {}) };
    const unfinishedAttempts = (row.data.unfinishedAttempts ?? 0) + (row.data.lease ? 1 : 0);
    const data = { ...row.data, lease, ...(unfinishedAttempts > 0 ? { unfinishedAttempts } : {}) };
    try {
      const etag = await this.table.replace(row.partitionKey, row.rowKey, data, row.etag);
      return { ...row, etag, data };
    } catch (error) {
      if (error instanceof ConcurrencyError || error instanceof EntityNotFoundError) return undefined;
      throw error;
    }
  }

  /** Marks a held delivery as being sent now, under its ETag. Undefined when the claim was lost meanwhile. */
  async markSending(row: StoredRow<DeliveryItem>, now: Date): Promise<StoredRow<DeliveryItem> | undefined> {
    if (!row.data.lease) throw new Error("Only a claimed delivery can be marked as sending");
    const data: DeliveryItem = { ...row.data, lease: { ...row.data.lease, sendingSince: now.toISOString() } };
    try {
      return { ...row, etag: await this.table.replace(row.partitionKey, row.rowKey, data, row.etag), data };
    } catch (error) {
      if (error instanceof ConcurrencyError || error instanceof EntityNotFoundError) return undefined;
      throw error;
    }
  }

  /** Gives a held item back to be tried again later. False when the lease was lost meanwhile. */
  async release<T extends QueueItem>(row: StoredRow<T>, changes: Partial<T>): Promise<boolean> {
    const { lease: _released, ...rest } = { ...row.data, ...changes };
    return this.conditional(() => this.table.replace(row.partitionKey, row.rowKey, rest, row.etag));
  }

  /** Removes a held item that is done. False when the lease was lost meanwhile (another holder took over). */
  async complete(row: StoredRow<QueueItem>): Promise<boolean> {
    return this.conditional(() => this.table.delete(row.partitionKey, row.rowKey, row.etag));
  }

  /**
   * Replaces a held occurrence item by its deliveries and the next reminder of its chain, atomically
   * per transaction: at most one holder's fan-out succeeds. The occurrence, its deliveries and the
   * next item share the circle's shard, so a fan-out is ⌈targets / 98⌉ transactions of ≤ 100
   * operations. Between transactions a cursor on the item (under its ETag) records how far it got;
   * a holder that takes over after a crash goes on from there. Deliveries are queued in target-id
   * order, so the cursor means the same to every holder. Returns the queued deliveries (ready to
   * claim), or undefined when another holder got there first.
   */
  async fanOut<T extends OccurrenceItem | LeadNoticeItem>(row: StoredRow<T>, deliveries: readonly DeliveryItem[], next: OccurrenceItem | undefined): Promise<StoredRow<DeliveryItem>[] | undefined> {
    const ordered = [...deliveries].sort((a, b) => (a.itemId < b.itemId ? -1 : a.itemId > b.itemId ? 1 : 0));
    let current = row;
    let cursor = row.data.fanOutCursor ?? 0;
    const queued: StoredRow<DeliveryItem>[] = [];
    while (ordered.length - cursor > TARGETS_PER_TRANSACTION) {
      const chunk = ordered.slice(cursor, cursor + TARGETS_PER_TRANSACTION);
      cursor += chunk.length;
      const data: T = { ...current.data, fanOutCursor: cursor };
      const etags = await this.transactOrConflict(row.partitionKey, [{ kind: "replace", rowKey: current.rowKey, data, etag: current.etag }, ...chunk.map(insertOf)]);
      if (!etags?.[0]) return undefined;
      current = { ...current, etag: etags[0], data };
      queued.push(...storedRows(row.partitionKey, chunk, etags.slice(1)));
    }
    const rest = ordered.slice(cursor);
    const operations: RowOperation<QueueItem>[] = [{ kind: "delete", rowKey: current.rowKey }, ...rest.map(insertOf), ...(next ? [insertOf(next)] : [])];
    const etags = await this.transactOrConflict(row.partitionKey, operations);
    if (!etags) return undefined;
    return [...queued, ...storedRows(row.partitionKey, rest, etags.slice(1))];
  }

  /**
   * Many sent deliveries at once: their log records (one transaction per circle's log partition),
   * then their queue rows (one transaction per shard). The log is written before the rows go, as
   * for one. The rows' deletes are unconditional (Azure's transactions send no If-Match for
   * deletes), which is right for a delivery that was sent and logged, whoever holds it now; when
   * one is already gone, that shard's rows are deleted one by one.
   */
  async finishSent(items: readonly { row: StoredRow<DeliveryItem>; record: DeliveryLogRecord }[]): Promise<void> {
    const logs = groupedInChunks(items, (item) => reminderKeys.logPartition(item.record.circleId));
    await Promise.all(logs.map(({ key, chunk }) => this.log.transact(key, chunk.map(({ record }) => ({ kind: "upsert" as const, rowKey: reminderKeys.deliveryRow(record.reminderKey, record.targetId), data: record })))));
    const shards = groupedInChunks(items, (item) => item.row.partitionKey);
    await Promise.all(
      shards.map(async ({ key, chunk }) => {
        try {
          await this.table.transact(key, chunk.map(({ row }) => ({ kind: "delete" as const, rowKey: row.rowKey })));
        } catch (error) {
          if (!(error instanceof TransactionError)) throw error;
          await Promise.all(chunk.map(({ row }) => this.table.delete(row.partitionKey, row.rowKey)));
        }
      }),
    );
  }

  async getContent(circleId: string, reminderKey: string): Promise<ReminderContent | undefined> {
    return (await this.log.get<OccurrenceLogRecord>(reminderKeys.logPartition(circleId), reminderKeys.occurrenceRow(reminderKey)))?.data.content;
  }

  async recordDelivery(record: DeliveryLogRecord): Promise<void> {
    await this.log.upsert(reminderKeys.logPartition(record.circleId), reminderKeys.deliveryRow(record.reminderKey, record.targetId), record);
  }

  async getDelivery(circleId: string, reminderKey: string, targetId: string): Promise<DeliveryLogRecord | undefined> {
    return (await this.log.get<DeliveryLogRecord>(reminderKeys.logPartition(circleId), reminderKeys.deliveryRow(reminderKey, targetId)))?.data;
  }

  /** The circle's delivery log, oldest reminder first. */
  async listDeliveries(circleId: string): Promise<DeliveryLogRecord[]> {
    const rows = await this.log.list<DeliveryLogRecord>(reminderKeys.logPartition(circleId), { prefix: reminderKeys.deliveryPrefix() });
    return rows.map((row) => row.data);
  }

  async recordOccurrence(record: OccurrenceLogRecord): Promise<void> {
    await this.log.upsert(reminderKeys.logPartition(record.circleId), reminderKeys.occurrenceRow(record.reminderKey), record);
  }

  async listOccurrences(circleId: string): Promise<OccurrenceLogRecord[]> {
    const rows = await this.log.list<OccurrenceLogRecord>(reminderKeys.logPartition(circleId), { prefix: reminderKeys.occurrencePrefix() });
    return rows.map((row) => row.data);
  }

  private async listKind<T extends QueueItem>(kind: QueueItemKind, upToIso: string, partitions: readonly string[]): Promise<StoredRow<T>[]> {
    const range = { from: reminderQueueKeys.kindLowerBound(kind), to: reminderQueueKeys.dueUpperBound(kind, upToIso) };
    const shards = await Promise.all(partitions.map((partition) => this.table.list<T>(partition, range)));
    return shards.flat();
  }

  /** Items queued by a version before the sharded queue (one "due" partition of the reminders table) move to their shards. */
  private async moveLegacyItems(): Promise<void> {
    const legacy = await this.log.list<QueueItem>(reminderKeys.legacyDuePartition());
    for (const row of legacy) {
      await this.enqueue(row.data);
      await this.log.delete(row.partitionKey, row.rowKey, row.etag);
    }
  }

  private async conditional(write: () => Promise<unknown>): Promise<boolean> {
    try {
      await write();
      return true;
    } catch (error) {
      if (error instanceof ConcurrencyError || error instanceof EntityNotFoundError) return false;
      throw error;
    }
  }

  private async transactOrConflict(partitionKey: string, operations: readonly RowOperation<QueueItem>[]): Promise<(string | undefined)[] | undefined> {
    try {
      return await this.table.transact(partitionKey, operations);
    } catch (error) {
      if (error instanceof TransactionError && isConflict(error.cause)) return undefined;
      throw error;
    }
  }
}

/** Items grouped by a partition key, in chunks that fit one transaction. */
function groupedInChunks<T>(items: readonly T[], keyOf: (item: T) => string): { key: string; chunk: T[] }[] {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(keyOf(item), [...(groups.get(keyOf(item)) ?? []), item]);
  return [...groups].flatMap(([key, group]) => Array.from({ length: Math.ceil(group.length / MAX_TRANSACTION_OPERATIONS) }, (_, index) => ({ key, chunk: group.slice(index * MAX_TRANSACTION_OPERATIONS, (index + 1) * MAX_TRANSACTION_OPERATIONS) })));
}

function rowKeyOf(item: QueueItem): string {
  // A lead notice is prepared like an occurrence: the same rows, listed by listPreparable.
  return reminderQueueKeys.row(item.type === "delivery" ? "delivery" : "occurrence", item.due, item.itemId);
}

function storedRows(partitionKey: string, items: readonly DeliveryItem[], etags: readonly (string | undefined)[]): StoredRow<DeliveryItem>[] {
  return items.flatMap((data, index) => {
    const etag = etags[index];
    return etag ? [{ partitionKey, rowKey: rowKeyOf(data), etag, data }] : [];
  });
}

function insertOf(item: QueueItem): RowOperation<QueueItem> {
  return { kind: "insert", rowKey: rowKeyOf(item), data: item };
}

function byDue<T extends QueueItem>(rows: StoredRow<T>[]): StoredRow<T>[] {
  const keyOf = (row: StoredRow<T>): string => `${row.data.due}|${row.data.itemId}`;
  return rows.sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0));
}

function isConflict(error: Error): boolean {
  return error instanceof EntityExistsError || error instanceof EntityNotFoundError || error instanceof ConcurrencyError;
}

function isAvailable(item: QueueItem, now: Date): boolean {
  const iso = now.toISOString();
  if (item.lease && item.lease.until > iso) return false;
  return item.notBefore === undefined || item.notBefore <= iso;
}
