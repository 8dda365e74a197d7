import { InvalidTransitionException } from '@grants/core';

export const AWARD_STATUSES = ['offered', 'accepted', 'declined'] as const;
export type AwardStatus = (typeof AWARD_STATUSES)[number];

/**
 * The only changes an award's status may make. An award starts `offered` when the decision is
 * signed off; a named person of the organisation accepts or declines it online. Payment,
 * monitoring and closing add their states here.
 */
export const AWARD_TRANSITIONS: Record<AwardStatus, readonly AwardStatus[]> = {
  offered: ['accepted', 'declined'],
  accepted: [],
  declined: [],
};

export const AWARD_STATUS_LABELS: Record<AwardStatus, string> = {
  offered: 'Offered',
  accepted: 'Accepted',
  declined: 'Declined by the organisation',
};

export function assertAwardTransition(from: AwardStatus, to: AwardStatus): void {
  if (!AWARD_TRANSITIONS[from].includes(to))
    throw new InvalidTransitionException(
      'award',
      AWARD_STATUS_LABELS[from].toLowerCase(),
      AWARD_STATUS_LABELS[to].toLowerCase(),
    );
}
