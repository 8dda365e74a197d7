import {
  CapTooLowException,
  FloorAboveCapException,
  FloorTooHighException,
  FormulaInputException,
} from '../allocations.exceptions';
import { largestRemainder } from './largest-remainder';
import {
  add,
  compare,
  DECIMAL_TEXT,
  div,
  formatPercent,
  isZero,
  max,
  min,
  mul,
  parseDecimal,
  type Rational,
  rational,
  sub,
  sum,
  ZERO,
} from './rational';

export interface FormulaIndicator {
  key: string;
  /** Any non-negative whole numbers (basis points, or 3 : 2 : 1): each counts as its part of their total. */
  weight: number;
}

export interface FormulaInput {
  potPence: number;
  /** In the order ties are broken and rows are shown. */
  partners: string[];
  indicators: FormulaIndicator[];
  /** values[partner][indicator key]: non-negative plain decimal text, "325000" or "23.4". */
  values: Record<string, Record<string, string>>;
  floorPence?: number | null;
  capPence?: number | null;
}

export interface IndicatorBreakdown {
  key: string;
  /** The partner's share of the indicator's total across partners, as a percentage ("31.42"). */
  sharePercent: string;
  /** The pence this indicator's part of the pot gives the partner, before any minimum or maximum. */
  contributionPence: number;
}

export interface FormulaAllocation {
  partnerId: string;
  amountPence: number;
  /** The partner's weighted share of the pot, before any minimum or maximum ("31.42"). */
  sharePercent: string;
  /**
   * What the formula alone gives, before any minimum or maximum (rounded as the allocations are,
   * so it is the allocation when no limit applies). The contributions are rounded per indicator,
   * so they may add up to a penny or two either side of it.
   */
  formulaPence: number;
  /** Set when the minimum lifted, or the maximum held down, what the formula gave. */
  limitedBy: 'floor' | 'cap' | null;
  indicators: IndicatorBreakdown[];
}

export interface FormulaResult {
  potPence: number;
  partners: FormulaAllocation[];
}

/**
 * Shares a pot between partners by weighted indicators, exactly: each indicator becomes each
 * partner's share of its total; a partner's share is the weighted mean of those shares; the
 * minimum and maximum are applied by finding the one level at which every partner gets its share
 * of the pot scaled by that level, raised to the minimum or held to the maximum where it falls
 * outside them, and the amounts add up to the pot. (Pinning partners one round at a time can
 * pin one at the minimum that a later round's maximum would have lifted above it; solving for
 * the level gives the stable point directly.) Only then are pence rounded, by largest remainder,
 * so the allocations add up to the pot to the penny.
 */
export function allocate(input: FormulaInput): FormulaResult {
  const { potPence, partners, indicators } = input;
  const floorPence = input.floorPence ?? null;
  const capPence = input.capPence ?? null;
  checkInput(input, floorPence, capPence);

  const pot = rational(BigInt(potPence));
  const totalWeight = BigInt(indicators.reduce((t, i) => t + i.weight, 0));
  const indicatorShares = indicators.map((indicator) => {
    const values = partners.map((p) => parseDecimal(input.values[p][indicator.key]));
    const total = sum(values);
    // Nothing to tell partners apart by: the indicator's part of the pot is shared equally.
    return values.map((v) =>
      isZero(total) ? rational(1n, BigInt(partners.length)) : div(v, total),
    );
  });
  const shares = partners.map((_, p) =>
    div(
      sum(indicators.map((ind, i) => mul(rational(BigInt(ind.weight)), indicatorShares[i][p]))),
      rational(totalWeight),
    ),
  );

  const floor = rational(BigInt(floorPence ?? 0));
  const cap = capPence === null ? null : rational(BigInt(capPence));
  checkSpendable(shares, potPence, floorPence, capPence);
  const lambda = level(shares, pot, floor, cap);
  const exact = shares.map((s) => clamp(mul(lambda, s), floor, cap));
  const amounts = largestRemainder(
    BigInt(potPence),
    exact,
    (i, j) => compare(shares[j], shares[i]) || i - j,
  );
  const formula = largestRemainder(
    BigInt(potPence),
    shares.map((s) => mul(pot, s)),
    (i, j) => compare(shares[j], shares[i]) || i - j,
  );
  const contributions = indicatorContributions(pot, indicators, totalWeight, indicatorShares);

  return {
    potPence,
    partners: partners.map((partnerId, p) => {
      const unlimited = mul(lambda, shares[p]);
      return {
        partnerId,
        amountPence: Number(amounts[p]),
        sharePercent: formatPercent(shares[p]),
        formulaPence: Number(formula[p]),
        limitedBy:
          floorPence !== null && compare(unlimited, floor) < 0
            ? 'floor'
            : cap !== null && compare(unlimited, cap) > 0
              ? 'cap'
              : null,
        indicators: indicators.map((ind, i) => ({
          key: ind.key,
          sharePercent: formatPercent(indicatorShares[i][p]),
          contributionPence: Number(contributions[i][p]),
        })),
      };
    }),
  };
}

function clamp(x: Rational, floor: Rational, cap: Rational | null): Rational {
  const raised = max(x, floor);
  return cap === null ? raised : min(raised, cap);
}

/**
 * The level λ at which Σ clamp(λ × share, floor, cap) is the pot. That sum only grows with λ and
 * is a straight line between the levels where some partner reaches the minimum or the maximum,
 * so walk those levels in order and solve on the segment where the pot lies.
 */
function level(shares: Rational[], pot: Rational, floor: Rational, cap: Rational | null): Rational {
  const positive = shares.filter((s) => !isZero(s));
  const points = [ZERO, ...positive.map((s) => div(floor, s))];
  if (cap !== null) points.push(...positive.map((s) => div(cap, s)));
  points.sort(compare);
  const total = (l: Rational) => sum(shares.map((s) => clamp(mul(l, s), floor, cap)));
  for (const [k, at] of points.entries()) {
    const reached = total(at);
    if (compare(reached, pot) >= 0) return at;
    // The partners still between the minimum and the maximum just above this level.
    const slope = sum(
      positive.filter(
        (s) => compare(mul(at, s), floor) >= 0 && (cap === null || compare(mul(at, s), cap) < 0),
      ),
    );
    if (isZero(slope)) continue;
    const candidate = add(at, div(sub(pot, reached), slope));
    const next = points[k + 1];
    if (next === undefined || compare(candidate, next) <= 0) return candidate;
  }
  throw new RangeError('No level shares out the pot: the settings were not checked');
}

/**
 * Each indicator's part of the pot (its weight's part of the total), then each part shared by
 * the partners' shares of that indicator, both in whole pence by largest remainder: the
 * breakdown's columns add up to each part and the parts to the pot.
 */
function indicatorContributions(
  pot: Rational,
  indicators: FormulaIndicator[],
  totalWeight: bigint,
  indicatorShares: Rational[][],
): bigint[][] {
  const parts = largestRemainder(
    pot.n,
    indicators.map((ind) => mul(pot, rational(BigInt(ind.weight), totalWeight))),
    (i, j) => indicators[j].weight - indicators[i].weight || i - j,
  );
  return parts.map((part, i) =>
    largestRemainder(
      part,
      indicatorShares[i].map((share) => mul(rational(part), share)),
      (p, q) => compare(indicatorShares[i][q], indicatorShares[i][p]) || p - q,
    ),
  );
}

const isPence = (n: unknown): n is number => Number.isSafeInteger(n) && (n as number) >= 0;

function checkInput(input: FormulaInput, floorPence: number | null, capPence: number | null) {
  const fail = (code: string, message: string, field: string) => {
    throw new FormulaInputException(code, message, field);
  };
  if (!isPence(input.potPence) || input.potPence === 0)
    fail('invalid_pot', 'The pot must be a whole number of pence, more than £0', 'potPence');
  if (input.partners.length === 0)
    fail('no_partners', 'Add at least one partner to share the pot between', 'partners');
  if (new Set(input.partners).size !== input.partners.length)
    fail('duplicate_partner', 'Each partner can be listed once', 'partners');
  if (input.indicators.length === 0)
    fail('no_indicators', 'Add at least one indicator to share the pot by', 'indicators');
  input.indicators.forEach((ind, i) => {
    if (!isPence(ind.weight))
      fail(
        'invalid_weight',
        `The weight of ${ind.key} must be a whole number, 0 or more`,
        `indicators.${i}.weight`,
      );
  });
  if (new Set(input.indicators.map((i) => i.key)).size !== input.indicators.length)
    fail('duplicate_indicator', 'Each indicator can be listed once', 'indicators');
  if (input.indicators.every((ind) => ind.weight === 0))
    fail('no_weight', 'At least one indicator must have a weight above 0', 'indicators');
  for (const partner of input.partners)
    for (const { key } of input.indicators) {
      const value = input.values[partner]?.[key];
      if (value === undefined)
        fail('value_missing', `There is no ${key} value for partner ${partner}`, 'values');
      else if (!DECIMAL_TEXT.test(value))
        fail(
          'invalid_value',
          `The ${key} value for partner ${partner} must be a number, 0 or more`,
          'values',
        );
    }
  if (floorPence !== null && !isPence(floorPence))
    fail(
      'invalid_floor',
      'The minimum allocation must be a whole number of pence, 0 or more',
      'floorPence',
    );
  if (capPence !== null && (!isPence(capPence) || capPence === 0))
    fail(
      'invalid_cap',
      'The maximum allocation must be a whole number of pence, more than £0',
      'capPence',
    );
  checkLimits(input.potPence, input.partners.length, floorPence, capPence);
}

/**
 * The minimum and maximum against the pot, as far as they can be checked without the values:
 * refused when they contradict each other or cannot both hold for this many partners.
 */
export function checkLimits(
  potPence: number,
  partners: number,
  floorPence: number | null,
  capPence: number | null,
): void {
  if (floorPence !== null && capPence !== null && floorPence > capPence)
    throw new FloorAboveCapException(floorPence, capPence);
  if (partners === 0) return;
  if (floorPence !== null && floorPence * partners > potPence)
    throw new FloorTooHighException(floorPence, partners, potPence);
  if (capPence !== null && capPence * partners < potPence)
    throw new CapTooLowException(capPence, capPence * partners, potPence, false);
}

/** The most the partners can take under the maximum: a partner with no share stays at the minimum. */
function checkSpendable(
  shares: Rational[],
  potPence: number,
  floorPence: number | null,
  capPence: number | null,
) {
  if (capPence === null) return;
  const spendable = shares.reduce((t, s) => t + (isZero(s) ? (floorPence ?? 0) : capPence), 0);
  if (spendable < potPence)
    throw new CapTooLowException(capPence, spendable, potPence, shares.some(isZero));
}
