import { DomainException } from '@grants/core';
import { GrantRound, RoundsService } from '@grants/funds';

/** A public-vote round has nothing to score: its assessment pages are not there. */
export class NoAssessmentException extends DomainException {
  constructor() {
    super(
      'not_found',
      'This round is decided by a public vote, so it has no scoring or assessors',
      404,
    );
  }
}

/** The round (drafts included: a rubric can be set before it opens), if it is scored. */
export async function loadScoredRound(rounds: RoundsService, id: string): Promise<GrantRound> {
  const round = await rounds.get(id, { includeDrafts: true });
  if (round.decisionMethod !== 'scored') throw new NoAssessmentException();
  return round;
}

/** What every assessment page shows of its round. */
export function roundHeading(round: GrantRound) {
  return { id: round.id, title: round.title, fundName: round.fund.name, status: round.status };
}
