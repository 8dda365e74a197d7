import { compare, floor, type Rational, sub, sum } from './rational';

/**
 * Whole units (pence) for exact amounts that add up to a whole total: each gets its whole part,
 * then the units left over go one each to the largest fractional parts. `before(i, j)` breaks a
 * tie in remainders (negative: i first), so the result never depends on sort stability.
 */
export function largestRemainder(
  total: bigint,
  exact: Rational[],
  before: (i: number, j: number) => number,
): bigint[] {
  if (compare(sum(exact), { n: total, d: 1n }) !== 0)
    throw new RangeError('The exact amounts do not add up to the total');
  const whole = exact.map(floor);
  let left = total - whole.reduce((a, b) => a + b, 0n);
  const remainders = exact.map((x, i) => sub(x, { n: whole[i], d: 1n }));
  const order = exact
    .map((_, i) => i)
    .sort((i, j) => compare(remainders[j], remainders[i]) || before(i, j));
  for (const i of order) {
    if (left === 0n) break;
    whole[i] += 1n;
    left -= 1n;
  }
  return whole;
}
