import { AuditService, MailOutboxService, SYSTEM_ACTOR } from '@grants/core';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource, In, LessThanOrEqual, MoreThan } from 'typeorm';
import { Fund } from '../entities/fund.entity';
import { GrantRound } from '../entities/grant-round.entity';
import { RoundEvents } from './round-events';
import { assertRoundTransition } from './round-status';
import { RoundsService } from './rounds.service';

export type TimerOutcome = 'opened' | 'closed' | 'unchanged';

/**
 * Opens and closes rounds when their time comes. Each call re-reads the round under a row lock
 * and acts only if the round is still in the expected state and its time has passed, so a
 * duplicate job, a late job after a restart, or a job for times since changed does nothing.
 */
@Injectable()
export class RoundSchedulerService {
  private readonly logger = new Logger(RoundSchedulerService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly events: RoundEvents,
    private readonly outbox: MailOutboxService,
    private readonly rounds: RoundsService,
  ) {}

  async openIfDue(roundId: string, now = new Date()): Promise<TimerOutcome> {
    const emailIds: string[] = [];
    const outcome = await this.dataSource.transaction(async (manager) => {
      const round = await manager.findOne(GrantRound, {
        where: { id: roundId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!round || round.status !== 'scheduled' || round.opensAt > now) return 'unchanged';
      assertRoundTransition(round.status, 'open');
      await manager.update(GrantRound, { id: roundId }, { status: 'open' });
      round.status = 'open';
      await this.audit.record(manager, SYSTEM_ACTOR, {
        action: 'round.opened',
        subjectType: 'round',
        subjectId: roundId,
        before: { status: 'scheduled' },
        after: { status: 'open', opensAt: round.opensAt.toISOString() },
      });
      round.fund = await manager.findOneByOrFail(Fund, { id: round.fundId });
      emailIds.push(...(await this.events.emitOpened(manager, round)));
      return 'opened';
    });
    if (emailIds.length > 0) await this.outbox.dispatch(emailIds);
    if (outcome === 'opened')
      this.logger.log({ msg: 'Round opened', roundId, emails: emailIds.length });
    return outcome;
  }

  async closeIfDue(roundId: string, now = new Date()): Promise<TimerOutcome> {
    // A round whose opening job is also late (after an outage) opens first, then closes.
    await this.openIfDue(roundId, now);
    const outcome = await this.dataSource.transaction(async (manager) => {
      const round = await manager.findOne(GrantRound, {
        where: { id: roundId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!round || round.status !== 'open' || round.closesAt > now) return 'unchanged';
      assertRoundTransition(round.status, 'closed');
      await manager.update(GrantRound, { id: roundId }, { status: 'closed' });
      await this.audit.record(manager, SYSTEM_ACTOR, {
        action: 'round.closed',
        subjectType: 'round',
        subjectId: roundId,
        before: { status: 'open' },
        after: { status: 'closed', closesAt: round.closesAt.toISOString() },
      });
      return 'closed';
    });
    if (outcome === 'closed') this.logger.log({ msg: 'Round closed', roundId });
    return outcome;
  }

  /** Catches up with any round whose time passed without its job (lost Redis data, long outage). */
  async sweep(now = new Date()): Promise<{ opened: number; closed: number }> {
    const repo = this.dataSource.getRepository(GrantRound);
    let opened = 0;
    let closed = 0;
    for (const round of await repo.find({
      where: { status: 'scheduled', opensAt: LessThanOrEqual(now) },
      select: { id: true },
    })) {
      if ((await this.openIfDue(round.id, now)) === 'opened') opened += 1;
    }
    for (const round of await repo.find({
      where: { status: 'open', closesAt: LessThanOrEqual(now) },
      select: { id: true },
    })) {
      if ((await this.closeIfDue(round.id, now)) === 'closed') closed += 1;
    }
    // Timers lost with Redis (an outage, a flush) or never queued (Redis was down when the
    // round was scheduled) are queued again; ones already queued are left as they are.
    for (const round of await repo.find({
      where: { status: In(['scheduled', 'open']), closesAt: MoreThan(now) },
      select: { id: true, status: true, opensAt: true, closesAt: true, updatedAt: true },
    })) {
      await this.rounds.enqueueTimers(round);
    }
    return { opened, closed };
  }
}
