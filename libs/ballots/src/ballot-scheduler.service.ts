import { AuditService, Clock, SYSTEM_ACTOR } from '@grants/core';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource, In, LessThanOrEqual, MoreThan } from 'typeorm';
import { assertBallotTransition, BallotStatus } from './ballot-status';
import { BallotsService } from './ballots.service';
import { Ballot } from './entities/ballot.entity';

export type BallotTimerOutcome = 'opened' | 'closed' | 'unchanged';

/**
 * Opens and closes ballots when their time comes. Each call re-reads the ballot under a row lock
 * and acts only if it is still in the expected state and its time has passed, so a duplicate,
 * late or out-of-date job changes nothing.
 */
@Injectable()
export class BallotSchedulerService {
  private readonly logger = new Logger(BallotSchedulerService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly ballots: BallotsService,
    private readonly clock: Clock,
  ) {}

  openIfDue(ballotId: string, now = this.clock.now()): Promise<BallotTimerOutcome> {
    return this.move(ballotId, 'scheduled', 'open', (b) => b.opensAt <= now);
  }

  async closeIfDue(ballotId: string, now = this.clock.now()): Promise<BallotTimerOutcome> {
    // A ballot whose opening job is also late (after an outage) opens first, then closes.
    await this.openIfDue(ballotId, now);
    return this.move(ballotId, 'open', 'closed', (b) => b.closesAt <= now);
  }

  /** Catches up with any ballot whose time passed without its job, and re-queues lost timers. */
  async sweep(now = this.clock.now()): Promise<{ opened: number; closed: number }> {
    const repo = this.dataSource.getRepository(Ballot);
    let opened = 0;
    let closed = 0;
    for (const b of await repo.find({
      where: { status: 'scheduled', opensAt: LessThanOrEqual(now) },
      select: { id: true },
    }))
      if ((await this.openIfDue(b.id, now)) === 'opened') opened += 1;
    for (const b of await repo.find({
      where: { status: 'open', closesAt: LessThanOrEqual(now) },
      select: { id: true },
    }))
      if ((await this.closeIfDue(b.id, now)) === 'closed') closed += 1;
    for (const b of await repo.find({
      where: { status: In(['scheduled', 'open']), closesAt: MoreThan(now) },
      select: { id: true, status: true, opensAt: true, closesAt: true, updatedAt: true },
    }))
      await this.ballots.enqueueTimers(b);
    return { opened, closed };
  }

  private async move(
    ballotId: string,
    from: BallotStatus,
    to: BallotStatus,
    due: (ballot: Ballot) => boolean,
  ): Promise<BallotTimerOutcome> {
    const outcome = await this.dataSource.transaction(async (manager) => {
      const ballot = await manager.findOne(Ballot, {
        where: { id: ballotId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!ballot || ballot.status !== from || !due(ballot)) return 'unchanged';
      assertBallotTransition(from, to);
      await manager.update(Ballot, { id: ballotId }, { status: to });
      await this.audit.record(manager, SYSTEM_ACTOR, {
        action: `ballot.${to === 'open' ? 'opened' : 'closed'}`,
        subjectType: 'ballot',
        subjectId: ballotId,
        before: { status: from },
        after: {
          status: to,
          at: (to === 'open' ? ballot.opensAt : ballot.closesAt).toISOString(),
        },
      });
      return to === 'open' ? 'opened' : 'closed';
    });
    if (outcome !== 'unchanged') this.logger.log({ msg: `Ballot ${outcome}`, ballotId });
    return outcome;
  }
}
