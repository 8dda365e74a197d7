import { AuditEvent, JobsService, QueueName } from '@grants/core';
import { GrantRound, RoundSchedulerService, RoundsService } from '@grants/funds';
import { SYSTEM_ACTOR } from '@grants/core';
import { CSF, createFund, createRound } from '../factories/round.factory';
import { createTestContext, TestContext } from '../support/test-context';

const MINUTE = 60_000;

describe('round scheduler (service level, real database)', () => {
  let ctx: TestContext;
  let scheduler: RoundSchedulerService;
  let rounds: RoundsService;

  beforeAll(async () => {
    ctx = await createTestContext();
    await createFund(ctx);
    scheduler = ctx.get(RoundSchedulerService);
    rounds = ctx.get(RoundsService);
  });
  afterAll(() => ctx?.close());

  let seq = 0;
  async function scheduledRound(opensInMs: number, closesInMs: number) {
    seq += 1;
    const now = Date.now();
    const round = await createRound(ctx, CSF.slug, {
      code: `T${seq}`,
      opensAt: new Date(now + opensInMs),
      closesAt: new Date(now + Math.max(closesInMs, MINUTE)),
    });
    await rounds.schedule(round.id, SYSTEM_ACTOR);
    if (closesInMs < MINUTE) {
      // As if time had passed since it was scheduled (a close time already gone cannot be scheduled).
      await ctx.dataSource
        .getRepository(GrantRound)
        .update({ id: round.id }, { closesAt: new Date(now + closesInMs) });
    }
    return ctx.dataSource.getRepository(GrantRound).findOneByOrFail({ id: round.id });
  }
  const status = async (id: string) =>
    (await ctx.dataSource.getRepository(GrantRound).findOneByOrFail({ id })).status;
  const events = (id: string, action: string) =>
    ctx.dataSource.getRepository(AuditEvent).countBy({ subjectId: id, action });

  it('opens only once its time has come, and only once', async () => {
    const round = await scheduledRound(10 * MINUTE, 60 * MINUTE);
    expect(await scheduler.openIfDue(round.id, new Date(round.opensAt.getTime() - 1))).toBe(
      'unchanged',
    );
    expect(await status(round.id)).toBe('scheduled');
    expect(await scheduler.openIfDue(round.id, round.opensAt)).toBe('opened');
    expect(await scheduler.openIfDue(round.id, round.opensAt)).toBe('unchanged');
    expect(await status(round.id)).toBe('open');
    expect(await events(round.id, 'round.opened')).toBe(1);
  });

  it('closes to the second, and only once', async () => {
    const round = await scheduledRound(-MINUTE, 30 * MINUTE);
    await scheduler.openIfDue(round.id);
    expect(await scheduler.closeIfDue(round.id, new Date(round.closesAt.getTime() - 1000))).toBe(
      'unchanged',
    );
    expect(await scheduler.closeIfDue(round.id, round.closesAt)).toBe('closed');
    expect(await scheduler.closeIfDue(round.id, round.closesAt)).toBe('unchanged');
    expect(await events(round.id, 'round.closed')).toBe(1);
  });

  it('opens exactly once when the same job runs five times at once', async () => {
    const round = await scheduledRound(-1000, 30 * MINUTE);
    const outcomes = await Promise.all(
      Array.from({ length: 5 }, () => scheduler.openIfDue(round.id)),
    );
    expect(outcomes.filter((o) => o === 'opened')).toHaveLength(1);
    expect(await events(round.id, 'round.opened')).toBe(1);
  });

  it('catches up after an outage: a late close job opens then closes, and the sweep finds the rest', async () => {
    const lateClose = await scheduledRound(-2 * MINUTE, -MINUTE);
    expect(await scheduler.closeIfDue(lateClose.id)).toBe('closed');
    expect(await events(lateClose.id, 'round.opened')).toBe(1);
    const missed = await scheduledRound(-3 * MINUTE, -MINUTE);
    const result = await scheduler.sweep();
    expect(result.closed).toBeGreaterThanOrEqual(1);
    expect(await status(missed.id)).toBe('closed');
    expect(await scheduler.sweep()).toEqual({ opened: 0, closed: 0 });
  });

  it('ignores a job for a time the round no longer has', async () => {
    const round = await scheduledRound(-1000, 30 * MINUTE);
    // The officer moves the opening later; the old job still fires now.
    await rounds.update(round.id, { opensAt: new Date(Date.now() + 10 * MINUTE) }, SYSTEM_ACTOR);
    expect(await scheduler.openIfDue(round.id)).toBe('unchanged');
    expect(await status(round.id)).toBe('scheduled');
  });

  it('does nothing for a round sent back to draft', async () => {
    const round = await scheduledRound(-1000, 30 * MINUTE);
    await rounds.unschedule(round.id, SYSTEM_ACTOR, 'dates wrong');
    expect(await scheduler.openIfDue(round.id)).toBe('unchanged');
    expect(await status(round.id)).toBe('draft');
  });

  const timersOf = async (roundId: string) =>
    (await ctx.get(JobsService).queue(QueueName.Rounds).getDelayed())
      .filter((j) => (j.data as { roundId: string }).roundId === roundId)
      .map((j) => ({ name: j.name, id: j.id, runsAt: j.timestamp + j.delay }));

  it('queues one open and one close job per round and time, however often it is asked', async () => {
    const round = await scheduledRound(10 * MINUTE, 60 * MINUTE);
    await rounds.enqueueTimers(round);
    await rounds.enqueueTimers(round);
    const timers = await timersOf(round.id);
    expect(timers.map((t) => t.name).sort()).toEqual(['round.close', 'round.open']);
    const open = timers.find((t) => t.name === 'round.open')!;
    expect(open.id).toBe(
      `round-open-${round.id}-${round.opensAt.getTime()}-${round.updatedAt.getTime()}`,
    );
    expect(open.runsAt).toBeGreaterThanOrEqual(round.opensAt.getTime() - 1000);
  });

  it('queues the timers again when Redis lost them, at the next sweep', async () => {
    const round = await scheduledRound(10 * MINUTE, 60 * MINUTE);
    const queue = ctx.get(JobsService).queue(QueueName.Rounds);
    for (const job of await queue.getDelayed())
      if ((job.data as { roundId: string }).roundId === round.id) await job.remove();
    expect(await timersOf(round.id)).toEqual([]);
    await scheduler.sweep();
    expect((await timersOf(round.id)).map((t) => t.name).sort()).toEqual([
      'round.close',
      'round.open',
    ]);
    await scheduler.sweep();
    expect(await timersOf(round.id)).toHaveLength(2);
  });

  it('gives a round scheduled again after going back to draft fresh timers', async () => {
    const round = await scheduledRound(10 * MINUTE, 60 * MINUTE);
    const first = await timersOf(round.id);
    await rounds.unschedule(round.id, SYSTEM_ACTOR, 'wrong theme');
    await rounds.schedule(round.id, SYSTEM_ACTOR, 'fixed');
    const ids = (await timersOf(round.id)).map((t) => t.id);
    expect(ids).toHaveLength(4);
    expect(ids).toEqual(expect.arrayContaining(first.map((t) => t.id)));
  });
});
