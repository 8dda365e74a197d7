import {
  DEFAULT_RECOMMEND_THRESHOLD_BP,
  DEFAULT_RESERVE_THRESHOLD_BP,
  type GrantRound,
} from '@grants/funds';

/** A scored round's bands in hundredths of a percent; a round without its own uses 70% and 60%. */
export function roundThresholds(
  round: Pick<GrantRound, 'recommendThresholdBp' | 'reserveThresholdBp'>,
): { recommendBp: number; reserveBp: number } {
  return {
    recommendBp: round.recommendThresholdBp ?? DEFAULT_RECOMMEND_THRESHOLD_BP,
    reserveBp: round.reserveThresholdBp ?? DEFAULT_RESERVE_THRESHOLD_BP,
  };
}
