/**
 * Group commit for a hot write: requests that arrive while earlier statements are running are
 * written together by the next statement, one round trip and one commit for all of them.
 *
 * Items are sent at the end of the event loop's turn (`setImmediate`), so the requests read from
 * many sockets in one turn go together, and under light load an item goes alone with no timer to
 * wait for. Under heavy load at most `maxInFlight` statements run and the rest gather, so each
 * statement carries more items and PostgreSQL commits (and wakes up) once per batch instead of
 * once per request. On this kind of two-core machine the per-statement cost (the socket write
 * that wakes PostgreSQL, the protocol round, the commit's WAL flush) was most of a vote's cost.
 *
 * DataLoader batches per tick (`process.nextTick`), which catches nothing here: each request
 * arrives in its own socket callback. This batches by what is in flight instead.
 *
 * A batch is one transaction, so an item whose data PostgreSQL refuses (SQLSTATE classes 22 and
 * 23) would fail the items it shares the statement with: such a batch is retried item by item,
 * one at a time within its own slot, so only that item gets the error. So is a batch PostgreSQL
 * rolled back (class 40: a deadlock, a serialization failure), which wrote nothing. Any other
 * failure (the connection lost, perhaps after the commit) is every item's: running them again
 * could not tell an item written from one refused.
 */
export interface StatementBatcherOptions<In> {
  /** Statements running at once; later items wait for one to finish. */
  maxInFlight: number;
  /** Items in one statement. */
  maxBatch: number;
  /**
   * Items that must not be written at the same time (the same voter twice: a statement cannot
   * see a write it or another running statement has not committed). Such an item waits until
   * the statement holding its key has finished.
   */
  key?: (item: In) => string;
}

interface Waiting<In, Out> {
  item: In;
  resolve: (out: Out) => void;
  reject: (error: unknown) => void;
}

/**
 * PostgreSQL refused the data (22: data exception, 23: integrity constraint) or rolled the
 * transaction back (40): nothing was written, and the items alone may well succeed.
 */
function worthSplitting(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^(22|23|40)[0-9A-Z]{3}$/.test(code);
}

export class StatementBatcher<In, Out> {
  private queue: Waiting<In, Out>[] = [];
  private inFlight = 0;
  private readonly keysInFlight = new Set<string>();
  private scheduled: NodeJS.Immediate | undefined;

  /** `write` answers one result per item, in the items' order. */
  constructor(
    private readonly write: (items: In[]) => Promise<Out[]>,
    private readonly options: StatementBatcherOptions<In>,
  ) {}

  submit(item: In): Promise<Out> {
    return new Promise<Out>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    this.scheduled ??= setImmediate(() => {
      this.scheduled = undefined;
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < this.options.maxInFlight) {
      const batch = this.take();
      if (batch.waiting.length === 0) return;
      void this.run(batch);
    }
  }

  /** The next batch: queue order, at most `maxBatch`, no key twice or already being written. */
  private take(): { waiting: Waiting<In, Out>[]; keys: string[] } {
    const { key, maxBatch } = this.options;
    if (!key) return { waiting: this.queue.splice(0, maxBatch), keys: [] };
    const waiting: Waiting<In, Out>[] = [];
    const rest: Waiting<In, Out>[] = [];
    const keys = new Set<string>();
    for (const w of this.queue) {
      const k = key(w.item);
      if (waiting.length < maxBatch && !keys.has(k) && !this.keysInFlight.has(k)) {
        keys.add(k);
        waiting.push(w);
      } else rest.push(w);
    }
    this.queue = rest;
    return { waiting, keys: [...keys] };
  }

  private async run({ waiting, keys }: { waiting: Waiting<In, Out>[]; keys: string[] }) {
    this.inFlight += 1;
    keys.forEach((k) => this.keysInFlight.add(k));
    try {
      await this.settle(waiting);
    } finally {
      keys.forEach((k) => this.keysInFlight.delete(k));
      this.inFlight -= 1;
      this.schedule();
    }
  }

  private async settle(batch: Waiting<In, Out>[]): Promise<void> {
    let results: Out[];
    try {
      results = await this.write(batch.map((w) => w.item));
    } catch (error) {
      if (batch.length > 1 && worthSplitting(error))
        for (const waiting of batch) await this.settle([waiting]);
      else batch.forEach((w) => w.reject(error));
      return;
    }
    if (!Array.isArray(results) || results.length !== batch.length) {
      const error = new Error(`statement answered ${results?.length} results for ${batch.length}`);
      batch.forEach((w) => w.reject(error));
      return;
    }
    batch.forEach((w, i) => w.resolve(results[i]));
  }
}
