import {
  AllocationPlanNotFoundException,
  AllocationPlanView,
  AllocationsService,
} from '@grants/allocations';
import { DomainException } from '@grants/core';
import { GrantRound, RoundsService } from '@grants/funds';

/** Only a round shared out by formula has an allocation plan: for any other the pages are not there. */
export class NotAllocationRoundPageException extends DomainException {
  constructor() {
    super(
      'not_found',
      'This round is not shared out by an allocation formula, so it has no allocation plan',
      404,
    );
  }
}

/** The round (drafts included: a plan is set up before it opens), if it is an allocation round. */
export async function loadAllocationRound(
  rounds: RoundsService,
  roundId: string,
): Promise<GrantRound> {
  const round = await rounds.get(roundId, { includeDrafts: true });
  if (round.decisionMethod !== 'allocation') throw new NotAllocationRoundPageException();
  return round;
}

/** The round's plan, or null before one is made. */
export async function planOf(
  allocations: AllocationsService,
  roundId: string,
): Promise<AllocationPlanView | null> {
  try {
    return await allocations.forRound(roundId);
  } catch (error) {
    if (error instanceof AllocationPlanNotFoundException) return null;
    throw error;
  }
}

/** What nearly every allocation page starts from: its round and the round's plan (or null). */
export async function roundAndPlan(
  rounds: RoundsService,
  allocations: AllocationsService,
  roundId: string,
) {
  const round = await loadAllocationRound(rounds, roundId);
  return { round, plan: await planOf(allocations, round.id) };
}

/** What every allocation page shows of its round. */
export function roundHeading(round: GrantRound) {
  return { id: round.id, title: round.title, fundName: round.fund.name, status: round.status };
}

export const allocationPath = (round: { id: string }, page = '') =>
  `/staff/rounds/${round.id}/allocation${page ? `/${page}` : ''}`;
