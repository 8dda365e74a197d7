import { AuditService, SYSTEM_ACTOR } from '@grants/core';
import { GrantRound } from '@grants/funds';
import { DataSource, EntityManager } from 'typeorm';

export const HISTORIC_REASON = 'demo seed: historic round';

/**
 * Puts a round whose dates are long past straight into its final state. The normal path cannot
 * (a round whose closing time has passed cannot be scheduled), so the demo does it here, in one
 * transaction with its audit event, and only for rounds that really are over.
 */
export async function markHistoricRound(
  dataSource: DataSource,
  audit: AuditService,
  roundId: string,
  now = new Date(),
): Promise<boolean> {
  return dataSource.transaction(async (manager) => {
    const round = await manager.findOne(GrantRound, {
      where: { id: roundId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!round || round.status === 'closed') return false;
    await closeHistoric(manager, audit, round, now);
    return true;
  });
}

/**
 * Files a historic round's applications: the round is set open (from draft, or from closed on
 * a database seeded before the demo had applications), `work` runs, then the round is closed,
 * each step audited with the reason `demo seed: historic round`. `work` sets the Clock inside
 * the round's dates, so the applications go through the same deadline rules as any other.
 *
 * Meanwhile a second connection holds a key-share lock on the round's row. The rounds sweep
 * closes any open round whose closing time has passed, taking the row FOR UPDATE first, so it
 * waits rather than closing the round half-way through; the applications' foreign keys and the
 * seed's own close need only locks a key-share lock does not block.
 */
export async function whileHistoricRoundOpen(
  dataSource: DataSource,
  audit: AuditService,
  roundId: string,
  work: () => Promise<void>,
  now = new Date(),
): Promise<void> {
  // The sweep can close the round between opening it and holding it: then open it again.
  for (let attempt = 1; attempt <= 3; attempt += 1) {
    await openHistoric(dataSource, audit, roundId, now);
    const guard = dataSource.createQueryRunner();
    await guard.connect();
    try {
      await guard.startTransaction();
      const round = await guard.manager.findOne(GrantRound, {
        where: { id: roundId },
        lock: { mode: 'for_key_share' },
      });
      if (round?.status !== 'open') continue;
      await work();
      await dataSource.transaction(async (manager) => {
        const current = await manager.findOneOrFail(GrantRound, {
          where: { id: roundId },
          lock: { mode: 'for_no_key_update' },
        });
        await closeHistoric(manager, audit, current, now);
      });
      return;
    } finally {
      if (guard.isTransactionActive) await guard.rollbackTransaction();
      await guard.release();
    }
  }
  throw new Error(`Round ${roundId} kept closing while the demo seeded its applications`);
}

async function openHistoric(
  dataSource: DataSource,
  audit: AuditService,
  roundId: string,
  now: Date,
): Promise<void> {
  await dataSource.transaction(async (manager) => {
    const round = await manager.findOne(GrantRound, {
      where: { id: roundId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!round) throw new Error(`Round ${roundId} not found`);
    if (round.status === 'open') return;
    assertHistoric(round, now);
    if (round.status !== 'draft' && round.status !== 'closed')
      throw new Error(`Round ${round.code} is ${round.status}: not a historic round`);
    await manager.update(GrantRound, { id: roundId }, { status: 'open' });
    await audit.record(manager, SYSTEM_ACTOR, {
      action: 'round.opened',
      subjectType: 'round',
      subjectId: roundId,
      before: { status: round.status },
      after: { status: 'open', opensAt: round.opensAt.toISOString() },
      reason: HISTORIC_REASON,
    });
  });
}

/** In the caller's transaction, which has locked the round's row. */
async function closeHistoric(
  manager: EntityManager,
  audit: AuditService,
  round: GrantRound,
  now: Date,
): Promise<void> {
  assertHistoric(round, now);
  await manager.update(GrantRound, { id: round.id }, { status: 'closed' });
  await audit.record(manager, SYSTEM_ACTOR, {
    action: 'round.closed',
    subjectType: 'round',
    subjectId: round.id,
    before: { status: round.status },
    after: { status: 'closed', closesAt: round.closesAt.toISOString() },
    reason: HISTORIC_REASON,
  });
}

function assertHistoric(round: GrantRound, now: Date): void {
  if (round.closesAt > now)
    throw new Error(`Round ${round.code} has not closed yet: it is not historic`);
}
