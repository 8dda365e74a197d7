import { AllocationsService } from '@grants/allocations';
import { GrantRound, RoundsService } from '@grants/funds';
import { loadAllocationRound, planOf } from '../allocations/allocation-round';

/**
 * An allocation round and its plan's id once the allocations are published (null before: the
 * pages then say that partners' projects come after publication).
 */
export async function loadPublishedAllocation(
  rounds: RoundsService,
  allocations: AllocationsService,
  roundId: string,
): Promise<{ round: GrantRound; planId: string | null }> {
  const round = await loadAllocationRound(rounds, roundId);
  const plan = await planOf(allocations, round.id);
  return { round, planId: plan?.status === 'published' ? plan.id : null };
}
