/**
 * A pass's deliveries in one lane per tenant: each lane has its own workers, so a tenant waiting
 * for its send slots never holds up another tenant's sends. Every tenant has its own Teams limit,
 * and the lanes use them side by side.
 */
export class TenantLanes<T> {
  private readonly lanes = new Map<string, { queue: WorkQueue<T>; workers: Promise<void> }>();
  private closed = false;

  constructor(
    private readonly tenantOf: (item: T) => string,
    private readonly workersPerLane: number,
    /** Called once per worker: a worker may keep state between its items (a reserved send slot). */
    private readonly newWorker: () => (item: T) => Promise<void>,
    private readonly signal: AbortSignal | undefined,
  ) {}

  push(item: T): void {
    if (this.closed) throw new Error("No items can join lanes that are closed");
    this.laneOf(this.tenantOf(item)).push(item);
  }

  /** No more items: workers finish what their lanes hold, then stop. */
  close(): void {
    this.closed = true;
    for (const lane of this.lanes.values()) lane.queue.close();
  }

  /** Resolves once close() was called and every lane's workers stopped. */
  async done(): Promise<void> {
    await Promise.all([...this.lanes.values()].map((lane) => lane.workers));
  }

  get tenants(): number {
    return this.lanes.size;
  }

  private laneOf(tenantId: string): WorkQueue<T> {
    const existing = this.lanes.get(tenantId);
    if (existing) return existing.queue;
    const queue = new WorkQueue<T>([]);
    const worker = async (): Promise<void> => {
      const work = this.newWorker();
      for (let item = await queue.next(); item !== undefined && !this.signal?.aborted; item = await queue.next()) await work(item);
    };
    this.lanes.set(tenantId, { queue, workers: Promise.all(Array.from({ length: this.workersPerLane }, worker)).then(() => undefined) });
    return queue;
  }
}

/** Items taken by several workers as they come; next() waits for a push until close(). */
export class WorkQueue<T> {
  private readonly waiting: ((item: T | undefined) => void)[] = [];
  private closed = false;

  constructor(private readonly items: T[]) {}

  push(item: T): void {
    const waiter = this.waiting.shift();
    if (waiter) waiter(item);
    else this.items.push(item);
  }

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
