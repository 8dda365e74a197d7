import { ExactScore, meetsThreshold } from './weighted-score';

export type ScoreBand = 'recommend' | 'reserve' | 'not-recommended';

export const SCORE_BAND_LABELS: Record<ScoreBand, string> = {
  recommend: 'Recommend',
  reserve: 'Reserve',
  'not-recommended': 'Not recommended',
};

/** The round's bands (default: recommend at 70% or more, reserve from 60%, otherwise not). */
export function bandOf(
  score: ExactScore,
  thresholds: { recommendBp: number; reserveBp: number },
): ScoreBand {
  if (meetsThreshold(score, thresholds.recommendBp)) return 'recommend';
  if (meetsThreshold(score, thresholds.reserveBp)) return 'reserve';
  return 'not-recommended';
}
