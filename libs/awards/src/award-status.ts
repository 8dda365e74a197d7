import { InvalidTransitionException } from '@grants/core';

export const AWARD_STATUSES = ['offered', 'accepted', 'declined', 'expired', 'closed'] as const;
export type AwardStatus = (typeof AWARD_STATUSES)[number];

/**
 * The only changes an award's status may make. An award starts `offered` when the decision is
 * signed off; a named person of the organisation accepts or declines it online, or the offer
 * lapses unanswered (`expired`). An accepted grant is live (paid, monitored, varied) until an
 * officer closes it with its final outcome.
 */
export const AWARD_TRANSITIONS: Record<AwardStatus, readonly AwardStatus[]> = {
  offered: ['accepted', 'declined', 'expired'],
  accepted: ['closed'],
  declined: [],
  expired: [],
  closed: [],
};

export const AWARD_STATUS_LABELS: Record<AwardStatus, string> = {
  offered: 'Offered',
  accepted: 'Accepted',
  declined: 'Declined by the organisation',
  expired: 'Offer expired',
  closed: 'Closed',
};

/** Awards that stand as grants made (open data, public lists, amounts awarded). */
export const STANDING_AWARD_STATUSES: readonly AwardStatus[] = ['offered', 'accepted', 'closed'];

export function assertAwardTransition(from: AwardStatus, to: AwardStatus): void {
  if (!AWARD_TRANSITIONS[from].includes(to))
    throw new InvalidTransitionException(
      'award',
      AWARD_STATUS_LABELS[from].toLowerCase(),
      AWARD_STATUS_LABELS[to].toLowerCase(),
    );
}
