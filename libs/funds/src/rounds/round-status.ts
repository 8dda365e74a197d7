import { InvalidTransitionException } from '@grants/core';

export const ROUND_STATUSES = ['draft', 'scheduled', 'open', 'closed'] as const;
export type RoundStatus = (typeof ROUND_STATUSES)[number];

/**
 * The only changes a round's status may make. Later stages (assessment, decided) extend this
 * table rather than adding special cases.
 */
export const ROUND_TRANSITIONS: Record<RoundStatus, readonly RoundStatus[]> = {
  draft: ['scheduled'],
  scheduled: ['draft', 'open'],
  open: ['closed'],
  closed: [],
};

export function assertRoundTransition(from: RoundStatus, to: RoundStatus): void {
  if (!ROUND_TRANSITIONS[from].includes(to))
    throw new InvalidTransitionException(
      'round',
      ROUND_STATUS_LABELS[from].toLowerCase(),
      ROUND_STATUS_LABELS[to].toLowerCase(),
    );
}

export const ROUND_STATUS_LABELS: Record<RoundStatus, string> = {
  draft: 'Draft',
  scheduled: 'Scheduled',
  open: 'Open',
  closed: 'Closed',
};

/** Statuses the public may see; drafts are for staff only. */
export const PUBLIC_ROUND_STATUSES: RoundStatus[] = ['scheduled', 'open', 'closed'];
