import { AuditService, SYSTEM_ACTOR } from '@grants/core';
import { GrantRound } from '@grants/funds';
import { DataSource } from 'typeorm';

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
    if (round.closesAt > now)
      throw new Error(`Round ${round.code} has not closed yet: it is not historic`);
    const from = round.status;
    await manager.update(GrantRound, { id: roundId }, { status: 'closed' });
    await audit.record(manager, SYSTEM_ACTOR, {
      action: 'round.closed',
      subjectType: 'round',
      subjectId: roundId,
      before: { status: from },
      after: { status: 'closed', closesAt: round.closesAt.toISOString() },
      reason: HISTORIC_REASON,
    });
    return true;
  });
}
