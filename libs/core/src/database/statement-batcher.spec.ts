import { StatementBatcher } from './statement-batcher';

/** Lets the batcher's end-of-turn send run. */
const turn = () => new Promise((resolve) => setImmediate(resolve));

/** A statement that waits until the test lets it finish, recording what it was given. */
class HeldWrites {
  readonly batches: string[][] = [];
  private readonly releases: (() => void)[] = [];
  failWhen: (items: string[]) => boolean = () => false;
  /** PostgreSQL's SQLSTATE for the failure: 22P05 is text JSON cannot hold (a NUL). */
  failCode = '22P05';

  write = (items: string[]): Promise<string[]> => {
    this.batches.push(items);
    return new Promise((resolve, reject) => {
      this.releases.push(() =>
        this.failWhen(items)
          ? reject(Object.assign(new Error(`failed: ${items.join(',')}`), { code: this.failCode }))
          : resolve(items.map((i) => `${i}!`)),
      );
    });
  };

  /** Lets every statement sent so far finish, then waits for what that sets going. */
  async releaseAll(): Promise<void> {
    await turn();
    while (this.releases.length > 0) {
      this.releases.splice(0).forEach((release) => release());
      await turn();
      await turn();
    }
  }
}

describe('StatementBatcher', () => {
  it('sends an item alone at the end of the turn when nothing else is running', async () => {
    const held = new HeldWrites();
    const batcher = new StatementBatcher(held.write, { maxInFlight: 2, maxBatch: 10 });
    const answer = batcher.submit('a');
    expect(held.batches).toEqual([]);
    await turn();
    expect(held.batches).toEqual([['a']]);
    await held.releaseAll();
    await expect(answer).resolves.toBe('a!');
  });

  it('sends what arrived in one turn together, and gathers what arrives while statements run', async () => {
    const held = new HeldWrites();
    const batcher = new StatementBatcher(held.write, { maxInFlight: 2, maxBatch: 3 });
    const first = ['a', 'b', 'c', 'd'].map((i) => batcher.submit(i));
    await turn();
    expect(held.batches).toEqual([['a', 'b', 'c'], ['d']]);
    const later = ['e', 'f', 'g', 'h'].map((i) => batcher.submit(i));
    await turn();
    expect(held.batches).toHaveLength(2);
    await held.releaseAll();
    expect(held.batches).toEqual([['a', 'b', 'c'], ['d'], ['e', 'f', 'g'], ['h']]);
    await expect(Promise.all([...first, ...later])).resolves.toEqual(
      ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map((i) => `${i}!`),
    );
  });

  it('never writes two items with the same key at the same time', async () => {
    const held = new HeldWrites();
    const batcher = new StatementBatcher(held.write, {
      maxInFlight: 2,
      maxBatch: 10,
      key: (item: string) => item[0],
    });
    const answers = ['x0', 'a1', 'b1', 'a2', 'c1', 'a3'].map((i) => batcher.submit(i));
    await turn();
    // A second statement could run, but only with a key the first one holds.
    expect(held.batches).toEqual([['x0', 'a1', 'b1', 'c1']]);
    await held.releaseAll();
    expect(held.batches).toEqual([['x0', 'a1', 'b1', 'c1'], ['a2'], ['a3']]);
    await expect(Promise.all(answers)).resolves.toHaveLength(6);
  });

  it('retries a failed batch item by item, so only the item that fails alone gets the error', async () => {
    const held = new HeldWrites();
    held.failWhen = (items) => items.includes('bad');
    const batcher = new StatementBatcher(held.write, { maxInFlight: 1, maxBatch: 10 });
    const answers = ['first', 'a', 'bad', 'b'].map((i) => batcher.submit(i));
    const settled = Promise.allSettled(answers);
    await held.releaseAll();
    expect(held.batches).toEqual([['first', 'a', 'bad', 'b'], ['first'], ['a'], ['bad'], ['b']]);
    const outcomes = await settled;
    expect(outcomes.map((o) => o.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
    ]);
    expect((outcomes[2] as PromiseRejectedResult).reason).toEqual(new Error('failed: bad'));
  });

  it('retries item by item a batch PostgreSQL rolled back (a deadlock), which wrote nothing', async () => {
    const held = new HeldWrites();
    // The batch deadlocked; each item alone goes through.
    held.failWhen = (items) => items.length > 1;
    held.failCode = '40P01';
    const batcher = new StatementBatcher(held.write, { maxInFlight: 1, maxBatch: 10 });
    const answers = ['a', 'b'].map((i) => batcher.submit(i));
    await held.releaseAll();
    expect(held.batches).toEqual([['a', 'b'], ['a'], ['b']]);
    await expect(Promise.all(answers)).resolves.toEqual(['a!', 'b!']);
  });

  it('fails every item when the statement fails for another reason, without running them again', async () => {
    const held = new HeldWrites();
    held.failWhen = () => true;
    held.failCode = '08006';
    const batcher = new StatementBatcher(held.write, { maxInFlight: 1, maxBatch: 10 });
    const settled = Promise.allSettled(['a', 'b'].map((i) => batcher.submit(i)));
    await held.releaseAll();
    expect(held.batches).toEqual([['a', 'b']]);
    expect((await settled).map((o) => o.status)).toEqual(['rejected', 'rejected']);
  });

  it('fails every item of a statement that answers the wrong number of results', async () => {
    const batcher = new StatementBatcher(async (items: string[]) => items.slice(1), {
      maxInFlight: 1,
      maxBatch: 10,
    });
    await expect(batcher.submit('a')).rejects.toThrow('statement answered 0 results for 1');
  });
});
