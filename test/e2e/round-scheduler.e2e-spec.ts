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
    // As if time had passed since it was scheduled (a close time already gone cannot be scheduled).
    await ctx.dataSource
      .getRepository(GrantRound)
      .update({ id: round.id }, { closesAt: new Date(now + closesInMs) });
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

  it('queues one open and one close job per round and time, however often it is scheduled', async () => {
    const round = await scheduledRound(10 * MINUTE, 60 * MINUTE);
    await rounds.enqueueTimers(round);
    await rounds.enqueueTimers(round);
    const queue = ctx.get(JobsService).queue(QueueName.Rounds);
    const delayed = (await queue.getDelayed()).filter(
      (j) => (j.data as { roundId: string }).roundId === round.id,
    );
    expect(delayed.map((j) => j.name).sort()).toEqual(['round.close', 'round.open']);
    const open = delayed.find((j) => j.name === 'round.open')!;
    expect(open.id).toBe(`round-open-${round.id}-${round.opensAt.getTime()}`);
    expect(open.timestamp + open.delay).toBeGreaterThanOrEqual(round.opensAt.getTime() - 1000);
  });
});
