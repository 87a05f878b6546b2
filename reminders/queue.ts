import type { ReminderStep, RhythmKind } from "../core/schedule/types.js";
import { reminderKeys, TABLES } from "../storage/partitions.js";
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

/** A notice about one lead to its receiving company's people (reminders/lead-notices.ts), not yet fanned out. */
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
  outcome: "fanned-out" | "stale-schedule" | "paused" | "over" | "superseded" | "meeting-cancelled" | "meeting-held" | "no-targets" | "everyone-answered" | "circle-gone";
  targets: number;
  at: string;
  /** Written before the deliveries are queued, so that every delivery finds it. */
  content?: ReminderContent;
}

/** Room in one transaction for the item itself and the next reminder of its chain. */
const TARGETS_PER_TRANSACTION = MAX_TRANSACTION_OPERATIONS - 2;

/** The due-reminder queue and the delivery log, in TABLES.reminders. */
export class ReminderQueue {
  private constructor(private readonly table: TableStore) {}

  static async open(factory: TableStoreFactory): Promise<ReminderQueue> {
    return new ReminderQueue(await factory.table(TABLES.reminders));
  }

  /** Queues an item; false when an item with the same due time and id is already queued. */
  async enqueue(item: QueueItem): Promise<boolean> {
    try {
      await this.table.insert(reminderKeys.duePartition(), reminderKeys.dueRow(item.due, item.itemId), item);
      return true;
    } catch (error) {
      if (error instanceof EntityExistsError) return false;
      throw error;
    }
  }

  /**
   * Items due by `now` (or `lookAheadMs` later) that nobody holds and that are not waiting for a
   * retry: one range query.
   */
  async listDue(now: Date, lookAheadMs = 0): Promise<StoredRow<QueueItem>[]> {
    const upTo = new Date(now.getTime() + lookAheadMs).toISOString();
    const rows = await this.table.list<QueueItem>(reminderKeys.duePartition(), { to: reminderKeys.dueUpperBound(upTo) });
    return rows.filter((row) => isAvailable(row.data, now));
  }

  /** Every queued item, due or not (tests, benchmarks, diagnostics). */
  async listAll(): Promise<StoredRow<QueueItem>[]> {
    return this.table.list<QueueItem>(reminderKeys.duePartition());
  }

  /** Takes the item for `leaseMs`, if it is still as listed. Undefined when another instance got it first. */
  async claim<T extends QueueItem>(row: StoredRow<T>, owner: string, now: Date, leaseMs: number): Promise<StoredRow<T> | undefined> {
    const lease: Lease = { owner, claimedAt: now.toISOString(), until: new Date(now.getTime() + leaseMs).toISOString() };
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
   * Replaces a held occurrence item by its deliveries and the next reminder of its chain, atomically:
   * at most one holder's fan-out succeeds. Large fan-outs go in several transactions, each moving a
   * cursor on the item under its ETag. Returns the queued deliveries (ready to claim), or undefined
   * when another holder got there first.
   */
  async fanOut<T extends OccurrenceItem | LeadNoticeItem>(row: StoredRow<T>, deliveries: readonly DeliveryItem[], next: OccurrenceItem | undefined): Promise<StoredRow<DeliveryItem>[] | undefined> {
    let current = row;
    let cursor = row.data.fanOutCursor ?? 0;
    const queued: StoredRow<DeliveryItem>[] = [];
    while (deliveries.length - cursor > TARGETS_PER_TRANSACTION) {
      const chunk = deliveries.slice(cursor, cursor + TARGETS_PER_TRANSACTION);
      cursor += chunk.length;
      const data: T = { ...current.data, fanOutCursor: cursor };
      const etags = await this.transactOrConflict([{ kind: "replace", rowKey: current.rowKey, data, etag: current.etag }, ...chunk.map(insertOf)]);
      if (!etags?.[0]) return undefined;
      current = { ...current, etag: etags[0], data };
      queued.push(...storedRows(chunk, etags.slice(1)));
    }
    const rest = deliveries.slice(cursor);
    const operations: RowOperation<QueueItem>[] = [{ kind: "delete", rowKey: current.rowKey }, ...rest.map(insertOf), ...(next ? [insertOf(next)] : [])];
    const etags = await this.transactOrConflict(operations);
    if (!etags) return undefined;
    return [...queued, ...storedRows(rest, etags.slice(1))];
  }

  async getContent(circleId: string, reminderKey: string): Promise<ReminderContent | undefined> {
    return (await this.table.get<OccurrenceLogRecord>(reminderKeys.logPartition(circleId), reminderKeys.occurrenceRow(reminderKey)))?.data.content;
  }

  async recordDelivery(record: DeliveryLogRecord): Promise<void> {
    await this.table.upsert(reminderKeys.logPartition(record.circleId), reminderKeys.deliveryRow(record.reminderKey, record.targetId), record);
  }

  async getDelivery(circleId: string, reminderKey: string, targetId: string): Promise<DeliveryLogRecord | undefined> {
    return (await this.table.get<DeliveryLogRecord>(reminderKeys.logPartition(circleId), reminderKeys.deliveryRow(reminderKey, targetId)))?.data;
  }

  /** The circle's delivery log, oldest reminder first. */
  async listDeliveries(circleId: string): Promise<DeliveryLogRecord[]> {
    const rows = await this.table.list<DeliveryLogRecord>(reminderKeys.logPartition(circleId), { prefix: reminderKeys.deliveryPrefix() });
    return rows.map((row) => row.data);
  }

  async recordOccurrence(record: OccurrenceLogRecord): Promise<void> {
    await this.table.upsert(reminderKeys.logPartition(record.circleId), reminderKeys.occurrenceRow(record.reminderKey), record);
  }

  async listOccurrences(circleId: string): Promise<OccurrenceLogRecord[]> {
    const rows = await this.table.list<OccurrenceLogRecord>(reminderKeys.logPartition(circleId), { prefix: reminderKeys.occurrencePrefix() });
    return rows.map((row) => row.data);
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

  private async transactOrConflict(operations: readonly RowOperation<QueueItem>[]): Promise<(string | undefined)[] | undefined> {
    try {
      return await this.table.transact(reminderKeys.duePartition(), operations);
    } catch (error) {
      if (error instanceof TransactionError && isConflict(error.cause)) return undefined;
      throw error;
    }
  }
}

function storedRows(items: readonly DeliveryItem[], etags: readonly (string | undefined)[]): StoredRow<DeliveryItem>[] {
  return items.flatMap((data, index) => {
    const etag = etags[index];
    return etag ? [{ partitionKey: reminderKeys.duePartition(), rowKey: reminderKeys.dueRow(data.due, data.itemId), etag, data }] : [];
  });
}

function insertOf(item: QueueItem): RowOperation<QueueItem> {
  return { kind: "insert", rowKey: reminderKeys.dueRow(item.due, item.itemId), data: item };
}

function isConflict(error: Error): boolean {
  return error instanceof EntityExistsError || error instanceof EntityNotFoundError || error instanceof ConcurrencyError;
}

function isAvailable(item: QueueItem, now: Date): boolean {
  const iso = now.toISOString();
  if (item.lease && item.lease.until > iso) return false;
  return item.notBefore === undefined || item.notBefore <= iso;
}
