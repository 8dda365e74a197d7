/**
 * An application's score, exactly. For each assessor: the sum over criteria of
 * weight × score / max (weights are whole percentages adding up to 100), so a percentage;
 * then the mean over assessors. Kept as a fraction of whole numbers so a threshold is met or
 * not met exactly: 69.995% is below 70%, however it would round.
 */
export interface CriterionRule {
  id: string;
  /** Whole percent; the round's weights add up to 100. */
  weight: number;
  maxScore: number;
}

export interface ExactScore {
  /** The percentage is numerator / denominator (both whole numbers). */
  numerator: bigint;
  denominator: bigint;
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a < 0n ? -a : a;
}

function reduce(numerator: bigint, denominator: bigint): ExactScore {
  const g = gcd(numerator, denominator) || 1n;
  return { numerator: numerator / g, denominator: denominator / g };
}

/** One assessor's percentage, from their score for each criterion (id → score). */
export function assessorPercentage(
  criteria: CriterionRule[],
  scores: ReadonlyMap<string, number>,
): ExactScore {
  let numerator = 0n;
  let denominator = 1n;
  for (const criterion of criteria) {
    const score = scores.get(criterion.id);
    if (score === undefined) throw new Error(`No score for criterion ${criterion.id}`);
    // numerator/denominator + weight*score/max
    const max = BigInt(criterion.maxScore);
    numerator = numerator * max + BigInt(criterion.weight * score) * denominator;
    denominator = denominator * max;
    ({ numerator, denominator } = reduce(numerator, denominator));
  }
  return { numerator, denominator };
}

/** The mean of assessors' percentages; null when nobody has submitted. */
export function meanPercentage(percentages: ExactScore[]): ExactScore | null {
  if (percentages.length === 0) return null;
  let numerator = 0n;
  let denominator = 1n;
  for (const p of percentages) {
    numerator = numerator * p.denominator + p.numerator * denominator;
    denominator = denominator * p.denominator;
    ({ numerator, denominator } = reduce(numerator, denominator));
  }
  return reduce(numerator, denominator * BigInt(percentages.length));
}

/** score ≥ threshold, where the threshold is in hundredths of a percent (7000 = 70%). */
export function meetsThreshold(score: ExactScore, thresholdBp: number): boolean {
  return score.numerator * 100n >= BigInt(thresholdBp) * score.denominator;
}

/**
 * Hundredths of a percent, rounded down: what is shown ("69.99") never claims a band the
 * exact score does not reach.
 */
export function toBasisPointsFloor(score: ExactScore): number {
  return Number((score.numerator * 100n) / score.denominator);
}

/** "69.99": two decimals, rounded down. */
export function formatPercentage(score: ExactScore): string {
  const bp = toBasisPointsFloor(score);
  return `${Math.floor(bp / 100)}.${String(bp % 100).padStart(2, '0')}`;
}

/** The spread between assessors, in hundredths of a percent (highest minus lowest, rounded up). */
export function spreadBasisPoints(percentages: ExactScore[]): number {
  if (percentages.length < 2) return 0;
  const sorted = [...percentages].sort((a, b) =>
    a.numerator * b.denominator < b.numerator * a.denominator ? -1 : 1,
  );
  const low = sorted[0];
  const high = sorted[sorted.length - 1];
  const numerator = (high.numerator * low.denominator - low.numerator * high.denominator) * 100n;
  const denominator = high.denominator * low.denominator;
  return Number((numerator + denominator - 1n) / denominator);
}

/**
 * The same arithmetic as whole "points", for summing in SQL: with L the least common multiple
 * of the criteria's maxima, an assessor's points are Σ weight × score × (L / max), so their
 * percentage is points / L exactly, and the mean of n assessors is (Σ points) / (n × L).
 */
export function commonDenominator(criteria: Pick<CriterionRule, 'maxScore'>[]): bigint {
  return criteria.reduce((l, c) => {
    const max = BigInt(c.maxScore);
    return (l * max) / gcd(l, max);
  }, 1n);
}

export function scoreFromPoints(
  totalPoints: bigint,
  assessors: number,
  l: bigint,
): ExactScore | null {
  return assessors === 0 ? null : reduce(totalPoints, BigInt(assessors) * l);
}

/** Highest minus lowest assessor, in hundredths of a percent, rounded up. */
export function spreadFromPoints(low: bigint, high: bigint, l: bigint): number {
  return Number(((high - low) * 100n + l - 1n) / l);
}
