import { StatementBatcher } from './statement-batcher';

/** A statement that waits until the test lets it finish, recording what it was given. */
class HeldWrites {
  readonly batches: string[][] = [];
  private readonly releases: (() => void)[] = [];
  failWhen: (items: string[]) => boolean = () => false;

  write = (items: string[]): Promise<string[]> => {
    this.batches.push(items);
    return new Promise((resolve, reject) => {
      this.releases.push(() =>
        this.failWhen(items)
          ? reject(new Error(`failed: ${items.join(',')}`))
          : resolve(items.map((i) => `${i}!`)),
      );
    });
  };

  /** Lets every statement sent so far finish, then waits for what that sets going. */
  async releaseAll(): Promise<void> {
    while (this.releases.length > 0) {
      this.releases.splice(0).forEach((release) => release());
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
}

describe('StatementBatcher', () => {
  it('sends an item at once, alone, when nothing else is running', async () => {
    const held = new HeldWrites();
    const batcher = new StatementBatcher(held.write, { maxInFlight: 2, maxBatch: 10 });
    const answer = batcher.submit('a');
    expect(held.batches).toEqual([['a']]);
    await held.releaseAll();
    await expect(answer).resolves.toBe('a!');
  });

  it('gathers what arrives while the statements in flight run, in order, up to the batch size', async () => {
    const held = new HeldWrites();
    const batcher = new StatementBatcher(held.write, { maxInFlight: 2, maxBatch: 3 });
    const answers = ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((i) => batcher.submit(i));
    expect(held.batches).toEqual([['a'], ['b']]);
    await held.releaseAll();
    expect(held.batches).toEqual([['a'], ['b'], ['c', 'd', 'e'], ['f', 'g']]);
    await expect(Promise.all(answers)).resolves.toEqual(['a!', 'b!', 'c!', 'd!', 'e!', 'f!', 'g!']);
  });

  it('never puts two items with the same key in one statement', async () => {
    const held = new HeldWrites();
    const batcher = new StatementBatcher(held.write, {
      maxInFlight: 1,
      maxBatch: 10,
      key: (item: string) => item[0],
    });
    const answers = ['x0', 'a1', 'b1', 'a2', 'c1', 'a3'].map((i) => batcher.submit(i));
    await held.releaseAll();
    expect(held.batches).toEqual([['x0'], ['a1', 'b1', 'c1'], ['a2'], ['a3']]);
    await expect(Promise.all(answers)).resolves.toHaveLength(6);
  });

  it('retries a failed batch item by item, so only the item that fails alone gets the error', async () => {
    const held = new HeldWrites();
    held.failWhen = (items) => items.includes('bad');
    const batcher = new StatementBatcher(held.write, { maxInFlight: 1, maxBatch: 10 });
    const answers = ['first', 'a', 'bad', 'b'].map((i) => batcher.submit(i));
    const settled = Promise.allSettled(answers);
    await held.releaseAll();
    expect(held.batches).toEqual([['first'], ['a', 'bad', 'b'], ['a'], ['bad'], ['b']]);
    const outcomes = await settled;
    expect(outcomes.map((o) => o.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
    ]);
    expect((outcomes[2] as PromiseRejectedResult).reason).toEqual(new Error('failed: bad'));
  });

  it('fails every item of a statement that answers the wrong number of results', async () => {
    const batcher = new StatementBatcher(async (items: string[]) => items.slice(1), {
      maxInFlight: 1,
      maxBatch: 10,
    });
    await expect(batcher.submit('a')).rejects.toThrow('statement answered 0 results for 1');
  });
});
