import {
  assessorPercentage,
  commonDenominator,
  scoreFromPoints,
  spreadFromPoints,
  CriterionRule,
  formatPercentage,
  meanPercentage,
  meetsThreshold,
  spreadBasisPoints,
} from './weighted-score';

/** The Leicestershire-style rubric: 25 / 25 / 20 / 15 / 15, each scored out of 5. */
const RUBRIC: CriterionRule[] = [
  { id: 'need', weight: 25, maxScore: 5 },
  { id: 'delivery', weight: 25, maxScore: 5 },
  { id: 'outcomes', weight: 20, maxScore: 5 },
  { id: 'value', weight: 15, maxScore: 5 },
  { id: 'plan', weight: 15, maxScore: 5 },
];
const scores = (...values: number[]) => new Map(RUBRIC.map((c, i) => [c.id, values[i]]));

describe('weighted percentage', () => {
  it('is the sum of weight × score / max for one assessor', () => {
    expect(formatPercentage(assessorPercentage(RUBRIC, scores(5, 5, 5, 5, 5)))).toBe('100.00');
    expect(formatPercentage(assessorPercentage(RUBRIC, scores(0, 0, 0, 0, 0)))).toBe('0.00');
    // 25×4/5 + 25×3/5 + 20×4/5 + 15×3/5 + 15×3/5 = 20 + 15 + 16 + 9 + 9
    expect(formatPercentage(assessorPercentage(RUBRIC, scores(4, 3, 4, 3, 3)))).toBe('69.00');
  });

  it('averages assessors exactly', () => {
    const a = assessorPercentage(RUBRIC, scores(4, 4, 4, 3, 3)); // 20 + 20 + 16 + 9 + 9 = 74
    const b = assessorPercentage(RUBRIC, scores(4, 3, 4, 3, 3)); // 69
    const mean = meanPercentage([a, b])!;
    expect(formatPercentage(mean)).toBe('71.50');
    expect(meetsThreshold(mean, 7000)).toBe(true);
    expect(meanPercentage([])).toBeNull();
  });

  it('never rounds up across a boundary: 69.995 is not 70', () => {
    // One criterion out of 10,000 lets an assessor give 69.99%; with another at 70% the mean is
    // 69.995% exactly: shown as 69.99 and below the 70% threshold.
    const fine: CriterionRule[] = [{ id: 'x', weight: 100, maxScore: 10_000 }];
    const at = (score: number) => assessorPercentage(fine, new Map([['x', score]]));
    const mean = meanPercentage([at(7000), at(6999)])!;
    expect(mean).toEqual({ numerator: 13999n, denominator: 200n });
    expect(meetsThreshold(mean, 7000)).toBe(false);
    expect(formatPercentage(mean)).toBe('69.99');
    expect(meetsThreshold(meanPercentage([at(7000), at(7000)])!, 7000)).toBe(true);
    const third = meanPercentage([
      assessorPercentage([{ id: 'x', weight: 100, maxScore: 3 }], new Map([['x', 2]])),
    ])!; // 66.666...
    expect(formatPercentage(third)).toBe('66.66');
    expect(meetsThreshold(third, 6667)).toBe(false);
    expect(meetsThreshold(third, 6666)).toBe(true);
  });

  it('measures how far apart assessors are, rounding up so a flag is never missed', () => {
    const high = assessorPercentage(RUBRIC, scores(5, 5, 5, 5, 5));
    const low = assessorPercentage(RUBRIC, scores(4, 4, 4, 3, 3)); // 74
    expect(spreadBasisPoints([high, low])).toBe(2600);
    expect(spreadBasisPoints([high])).toBe(0);
    const third = assessorPercentage([{ id: 'x', weight: 100, maxScore: 3 }], new Map([['x', 1]]));
    const zero = assessorPercentage([{ id: 'x', weight: 100, maxScore: 3 }], new Map([['x', 0]]));
    expect(spreadBasisPoints([third, zero])).toBe(3334);
  });
});

describe('the same score from whole points (as summed in SQL)', () => {
  it('matches the fraction arithmetic for mixed maxima, exactly', () => {
    const rubric: CriterionRule[] = [
      { id: 'a', weight: 40, maxScore: 7 },
      { id: 'b', weight: 35, maxScore: 4 },
      { id: 'c', weight: 25, maxScore: 9 },
    ];
    const l = commonDenominator(rubric);
    expect(l).toBe(252n);
    const sheets = [
      [5, 3, 8],
      [7, 1, 0],
      [2, 4, 9],
    ].map((values) => new Map(rubric.map((c, i) => [c.id, values[i]])));
    const points = sheets.map((sheet) =>
      rubric.reduce(
        (sum, c) => sum + BigInt(c.weight * sheet.get(c.id)!) * (l / BigInt(c.maxScore)),
        0n,
      ),
    );
    const fromPoints = scoreFromPoints(points[0] + points[1] + points[2], 3, l)!;
    const reference = meanPercentage(sheets.map((sheet) => assessorPercentage(rubric, sheet)))!;
    expect(fromPoints).toEqual(reference);
    const low = points.reduce((a, b) => (a < b ? a : b));
    const high = points.reduce((a, b) => (a > b ? a : b));
    expect(spreadFromPoints(low, high, l)).toBe(
      spreadBasisPoints(sheets.map((sheet) => assessorPercentage(rubric, sheet))),
    );
    expect(scoreFromPoints(0n, 0, l)).toBeNull();
  });
});
