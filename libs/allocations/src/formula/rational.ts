/**
 * Exact fractions over BigInt, so shares of a pot are never rounded until the last step (the
 * pence). Always in lowest terms with a positive denominator; every value here is non-negative.
 */
export interface Rational {
  readonly n: bigint;
  readonly d: bigint;
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

export function rational(n: bigint, d: bigint = 1n): Rational {
  if (d === 0n) throw new RangeError('Division by zero');
  if (d < 0n) [n, d] = [-n, -d];
  const g = gcd(n, d) || 1n;
  return { n: n / g, d: d / g };
}

export const ZERO = rational(0n);
export const ONE = rational(1n);

export const add = (a: Rational, b: Rational) => rational(a.n * b.d + b.n * a.d, a.d * b.d);
export const sub = (a: Rational, b: Rational) => rational(a.n * b.d - b.n * a.d, a.d * b.d);
export const mul = (a: Rational, b: Rational) => rational(a.n * b.n, a.d * b.d);
export const div = (a: Rational, b: Rational) => rational(a.n * b.d, a.d * b.n);
export const sum = (xs: Rational[]) => xs.reduce(add, ZERO);

/** Negative, zero or positive as a is less than, equal to or more than b. */
export function compare(a: Rational, b: Rational): number {
  const left = a.n * b.d;
  const right = b.n * a.d;
  return left < right ? -1 : left > right ? 1 : 0;
}

export const isZero = (a: Rational) => a.n === 0n;
export const min = (a: Rational, b: Rational) => (compare(a, b) <= 0 ? a : b);
export const max = (a: Rational, b: Rational) => (compare(a, b) >= 0 ? a : b);

/** The whole part of a non-negative fraction. */
export const floor = (a: Rational): bigint => a.n / a.d;

/** Plain decimal text with no sign, exponent or thousands separators: "325000", "23.4". */
export const DECIMAL_TEXT = /^\d+(\.\d+)?$/;

/** Exactly the number the text says: "23.4" is 234/10. */
export function parseDecimal(text: string): Rational {
  if (!DECIMAL_TEXT.test(text)) throw new RangeError(`Not a plain decimal: ${text}`);
  const [whole, fraction = ''] = text.split('.');
  return rational(BigInt(whole + fraction), 10n ** BigInt(fraction.length));
}

/** "31.42": a non-negative fraction as a percentage, rounded half up to the places given. */
export function formatPercent(a: Rational, places = 2): string {
  const scale = 10n ** BigInt(places);
  const scaled = a.n * 100n * scale;
  const rounded = (scaled * 2n + a.d) / (2n * a.d);
  const whole = rounded / scale;
  const part = (rounded % scale).toString().padStart(places, '0');
  return places > 0 ? `${whole}.${part}` : `${whole}`;
}
