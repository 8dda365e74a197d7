/**
 * Group commit for a hot write: requests that arrive while earlier statements are running are
 * written together by the next statement, one round trip and one commit for all of them.
 *
 * Under light load every item is sent at once, alone (no timer, so no added wait); under heavy
 * load at most `maxInFlight` statements run and the rest gather, so each statement carries more
 * items and PostgreSQL commits (and wakes up) once per batch instead of once per request. On this
 * kind of two-core machine the per-statement cost (the socket write that wakes PostgreSQL, the
 * protocol round, the commit's WAL flush) was most of a vote's cost.
 *
 * DataLoader batches per event-loop tick, which catches nothing here: each request arrives in its
 * own socket callback. This batches by what is in flight instead.
 *
 * A batch is one transaction, so a statement that fails for the whole batch would fail items that
 * are fine alone: a failed batch of several is retried item by item, so only an item that fails
 * alone gets its error.
 */
export interface StatementBatcherOptions<In> {
  /** Statements running at once; later items wait for one to finish. */
  maxInFlight: number;
  /** Items in one statement. */
  maxBatch: number;
  /**
   * Items that must not share a statement (the same voter twice: the statement cannot see its
   * own first write when it decides the second). Such an item waits for the next statement.
   */
  key?: (item: In) => string;
}

interface Waiting<In, Out> {
  item: In;
  resolve: (out: Out) => void;
  reject: (error: unknown) => void;
}

export class StatementBatcher<In, Out> {
  private queue: Waiting<In, Out>[] = [];
  private inFlight = 0;

  /** `write` answers one result per item, in the items' order. */
  constructor(
    private readonly write: (items: In[]) => Promise<Out[]>,
    private readonly options: StatementBatcherOptions<In>,
  ) {}

  submit(item: In): Promise<Out> {
    return new Promise<Out>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < this.options.maxInFlight && this.queue.length > 0) {
      void this.run(this.take());
    }
  }

  /** The next batch: queue order, at most `maxBatch`, no two items with the same key. */
  private take(): Waiting<In, Out>[] {
    const { key, maxBatch } = this.options;
    if (!key) return this.queue.splice(0, maxBatch);
    const batch: Waiting<In, Out>[] = [];
    const rest: Waiting<In, Out>[] = [];
    const keys = new Set<string>();
    for (const waiting of this.queue) {
      const k = key(waiting.item);
      if (batch.length < maxBatch && !keys.has(k)) {
        keys.add(k);
        batch.push(waiting);
      } else rest.push(waiting);
    }
    this.queue = rest;
    return batch;
  }

  private async run(batch: Waiting<In, Out>[]): Promise<void> {
    this.inFlight += 1;
    try {
      await this.settle(batch);
    } finally {
      this.inFlight -= 1;
      this.pump();
    }
  }

  private async settle(batch: Waiting<In, Out>[]): Promise<void> {
    let results: Out[];
    try {
      results = await this.write(batch.map((w) => w.item));
    } catch (error) {
      if (batch.length === 1) batch[0].reject(error);
      else await Promise.all(batch.map((waiting) => this.settle([waiting])));
      return;
    }
    if (results.length !== batch.length) {
      const error = new Error(`statement answered ${results.length} results for ${batch.length}`);
      batch.forEach((w) => w.reject(error));
      return;
    }
    batch.forEach((w, i) => w.resolve(results[i]));
  }
}
