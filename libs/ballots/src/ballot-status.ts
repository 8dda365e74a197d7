import { InvalidTransitionException } from '@grants/core';

export const BALLOT_STATUSES = ['draft', 'scheduled', 'open', 'closed', 'published'] as const;
export type BallotStatus = (typeof BALLOT_STATUSES)[number];

/**
 * The only changes a ballot's status may make: set up (draft), scheduled with its shortlist,
 * opened and closed by its timers, then the counted result published.
 */
export const BALLOT_TRANSITIONS: Record<BallotStatus, readonly BallotStatus[]> = {
  draft: ['scheduled'],
  scheduled: ['draft', 'open'],
  open: ['closed'],
  closed: ['published'],
  published: [],
};

export const BALLOT_STATUS_LABELS: Record<BallotStatus, string> = {
  draft: 'Draft',
  scheduled: 'Scheduled',
  open: 'Open for votes',
  closed: 'Closed, being counted',
  published: 'Results published',
};

export function assertBallotTransition(from: BallotStatus, to: BallotStatus): void {
  if (!BALLOT_TRANSITIONS[from].includes(to))
    throw new InvalidTransitionException(
      'ballot',
      BALLOT_STATUS_LABELS[from].toLowerCase(),
      BALLOT_STATUS_LABELS[to].toLowerCase(),
    );
}
