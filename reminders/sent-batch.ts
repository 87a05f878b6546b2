import type { StoredRow } from "../storage/table-store.js";
import type { DeliveryItem, DeliveryLogRecord, ReminderQueue } from "./queue.js";

interface Waiting {
  row: StoredRow<DeliveryItem>;
  record: DeliveryLogRecord;
  done: { resolve(): void; reject(error: unknown): void };
}

/**
 * Collects a pass's sent deliveries for a few milliseconds and finishes them together
 * (ReminderQueue.finishSent): a log write and a queue delete per circle and shard instead of per
 * send. Each caller's promise settles once its own delivery is logged and removed.
 */
export class SentBatch {
  private waiting: Waiting[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly queue: ReminderQueue,
    private readonly delayMs: number,
    private readonly maxItems: number,
  ) {}

  add(row: StoredRow<DeliveryItem>, record: DeliveryLogRecord): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ row, record, done: { resolve, reject } });
      if (this.waiting.length >= this.maxItems) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.delayMs);
    });
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.waiting;
    this.waiting = [];
    this.queue.finishSent(batch.map(({ row, record }) => ({ row, record }))).then(
      () => batch.forEach((item) => item.done.resolve()),
      (error: unknown) => batch.forEach((item) => item.done.reject(error)),
    );
  }
}
