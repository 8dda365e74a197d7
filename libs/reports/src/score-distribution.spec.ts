import { scoreDistribution } from './score-distribution';

const pct = (numerator: bigint, denominator = 1n) => ({ numerator, denominator });

describe('scoreDistribution', () => {
  it('puts each score in its 10-point band, 100% in the top one, 69.995% with the 60s', () => {
    const buckets = scoreDistribution([
      pct(0n),
      pct(9999n, 1000n),
      pct(10n),
      pct(13999n, 200n), // 69.995%
      pct(70n),
      pct(100n),
    ]);
    expect(buckets.map((b) => b.count)).toEqual([2, 1, 0, 0, 0, 0, 1, 1, 0, 1]);
    expect(buckets[0]).toEqual({ fromPercent: 0, toPercent: 10, count: 2 });
    expect(buckets[9]).toEqual({ fromPercent: 90, toPercent: 100, count: 1 });
  });
});
