import { type ExactScore, toBasisPointsFloor } from '@grants/assessment';
import type { ScoreBucket } from './round-report';

/**
 * Scores in ten bands of 10 percentage points (0-9.99%, ..., 90-100%), from the exact score
 * rounded down, so a 69.995% sits with the 60s as its band says it should.
 */
export function scoreDistribution(scores: ExactScore[]): ScoreBucket[] {
  const buckets: ScoreBucket[] = Array.from({ length: 10 }, (_, i) => ({
    fromPercent: i * 10,
    toPercent: i * 10 + 10,
    count: 0,
  }));
  for (const score of scores) {
    const index = Math.min(9, Math.max(0, Math.floor(toBasisPointsFloor(score) / 1000)));
    buckets[index].count += 1;
  }
  return buckets;
}
