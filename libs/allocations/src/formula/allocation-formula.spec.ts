import { allocate, type FormulaInput } from './allocation-formula';

/*
 * Humberside's four councils sharing £500,000.00 (50,000,000p) by population (weight 50),
 * total recorded crime (30) and anti-social behaviour incidents (20).
 *
 *                          population   crime   ASB
 *   Hull City                 267,000  30,000  6,000
 *   East Riding of Yorkshire  342,000  18,000  3,000
 *   North Lincolnshire        170,000  14,000  2,500
 *   North East Lincolnshire   157,000  18,000  3,500
 *   totals                    936,000  80,000 15,000
 *
 * Share = 50/100 × population share + 30/100 × crime share + 20/100 × ASB share, over 46,800:
 *   Hull  267/1872 + 9/80    + 2/25  = 6675/46800 + 5265/46800 + 3744/46800 = 15684/46800
 *   East  342/1872 + 27/400  + 1/25  = 8550/46800 + 3159/46800 + 1872/46800 = 13581/46800
 *   NLinc 170/1872 + 21/400  + 1/30  = 4250/46800 + 2457/46800 + 1560/46800 =  8267/46800
 *   NEL   157/1872 + 27/400  + 7/150 = 3925/46800 + 3159/46800 + 2184/46800 =  9268/46800
 *                                                          (15684+13581+8267+9268 = 46800)
 * Pence = 50,000,000 × x/46800 = x × 125,000/117:
 *   Hull  1,960,500,000/117 = 16,756,410.256…
 *   East  1,697,625,000/117 = 14,509,615.384…
 *   NLinc 1,033,375,000/117 =  8,832,264.957…
 *   NEL   1,158,500,000/117 =  9,901,709.401…
 * Whole pence: 16,756,410 + 14,509,615 + 8,832,264 + 9,901,709 = 49,999,998; the 2p left go to
 * the largest remainders, NLinc (.957) and NEL (.401). Rounding each to the nearest penny would
 * give 16,756,410 + 14,509,615 + 8,832,265 + 9,901,709 = 49,999,999: a penny lost.
 */
const HULL = 'hull-city';
const EAST = 'east-riding';
const NLINC = 'north-lincolnshire';
const NEL = 'north-east-lincolnshire';

function humberside(over: Partial<FormulaInput> = {}): FormulaInput {
  return {
    potPence: 50_000_000,
    partners: [HULL, EAST, NLINC, NEL],
    indicators: [
      { key: 'population', weight: 50 },
      { key: 'crime', weight: 30 },
      { key: 'asb', weight: 20 },
    ],
    values: {
      [HULL]: { population: '267000', crime: '30000', asb: '6000' },
      [EAST]: { population: '342000', crime: '18000', asb: '3000' },
      [NLINC]: { population: '170000', crime: '14000', asb: '2500.0' },
      [NEL]: { population: '157000', crime: '18000', asb: '3500' },
    },
    ...over,
  };
}

const amounts = (input: FormulaInput) =>
  Object.fromEntries(allocate(input).partners.map((p) => [p.partnerId, p.amountPence]));

describe('allocate', () => {
  it('shares the Humberside pot to the penny as computed by hand', () => {
    const result = allocate(humberside());
    expect(amounts(humberside())).toEqual({
      [HULL]: 16_756_410,
      [EAST]: 14_509_615,
      [NLINC]: 8_832_265,
      [NEL]: 9_901_710,
    });
    expect(result.partners.reduce((t, p) => t + p.amountPence, 0)).toBe(50_000_000);
    // 15684/46800 = 33.5128…%, 13581/46800 = 29.0192…%, 8267/46800 = 17.6645…%, 9268/46800 = 19.8034…%
    expect(result.partners.map((p) => p.sharePercent)).toEqual([
      '33.51',
      '29.02',
      '17.66',
      '19.80',
    ]);
    expect(result.partners.map((p) => p.limitedBy)).toEqual([null, null, null, null]);
    expect(result.partners.map((p) => p.formulaPence)).toEqual(
      result.partners.map((p) => p.amountPence),
    );
  });

  it('breaks each allocation down by indicator, each indicator adding up to its part of the pot', () => {
    /*
     * Parts: population 50/100 × £500,000 = 25,000,000p, crime 15,000,000p, ASB 10,000,000p.
     * Population: 25,000,000 × 267/936 = 7,131,410.256, × 342/936 = 9,134,615.384,
     *   × 170/936 = 4,540,598.290, × 157/936 = 4,193,376.068; whole 24,999,999, 1p to East (.384).
     * Crime: 15,000,000 × 30/80, 18/80, 14/80, 18/80 = 5,625,000 3,375,000 2,625,000 3,375,000.
     * ASB: 10,000,000 × 6/15, 3/15, 2.5/15, 3.5/15 = 4,000,000 2,000,000 1,666,666.667
     *   2,333,333.333; whole 9,999,999, 1p to NLinc (.667).
     */
    const [hull, east, nlinc, nel] = allocate(humberside()).partners;
    expect(hull.indicators).toEqual([
      { key: 'population', sharePercent: '28.53', contributionPence: 7_131_410 },
      { key: 'crime', sharePercent: '37.50', contributionPence: 5_625_000 },
      { key: 'asb', sharePercent: '40.00', contributionPence: 4_000_000 },
    ]);
    expect(east.indicators.map((i) => i.contributionPence)).toEqual([
      9_134_616, 3_375_000, 2_000_000,
    ]);
    expect(nlinc.indicators.map((i) => i.contributionPence)).toEqual([
      4_540_598, 2_625_000, 1_666_667,
    ]);
    expect(nel.indicators.map((i) => i.contributionPence)).toEqual([
      4_193_376, 3_375_000, 2_333_333,
    ]);
    expect(nlinc.indicators[2].sharePercent).toBe('16.67');
  });

  it('gives out the pennies that rounding each share would add, by largest remainder', () => {
    // 200p in three equal shares is 66.667p each: rounding each gives 67 × 3 = 201p, a penny too
    // many. Largest remainder gives 66 each, then the 2p left to the first two (all tie).
    const input: FormulaInput = {
      potPence: 200,
      partners: ['a', 'b', 'c'],
      indicators: [{ key: 'population', weight: 1 }],
      values: { a: { population: '1' }, b: { population: '1' }, c: { population: '1' } },
    };
    expect(amounts(input)).toEqual({ a: 67, b: 67, c: 66 });
    expect(amounts({ ...input, partners: ['c', 'b', 'a'] })).toEqual({ c: 67, b: 67, a: 66 });
  });

  it('breaks a tie in remainders by the larger exact share, then the order of partners', () => {
    // 2p by 1 : 3 is 0.5p and 1.5p: whole 0 + 1, and the penny left ties on .5. The larger
    // share (b) takes it, though a comes first.
    const input: FormulaInput = {
      potPence: 2,
      partners: ['a', 'b'],
      indicators: [{ key: 'crime', weight: 7 }],
      values: { a: { crime: '1' }, b: { crime: '3' } },
    };
    expect(amounts(input)).toEqual({ a: 0, b: 2 });
    // 5p by 1 : 1 : 3 is 1, 1, 3: nothing left. 3p is 0.6, 0.6, 1.8: whole 0 + 0 + 1, the two
    // pennies left go to .8 (c) and then a, first of the tied .6 with equal shares.
    const three: FormulaInput = {
      potPence: 3,
      partners: ['a', 'b', 'c'],
      indicators: [{ key: 'crime', weight: 1 }],
      values: { a: { crime: '1' }, b: { crime: '1' }, c: { crime: '3' } },
    };
    expect(amounts(three)).toEqual({ a: 1, b: 0, c: 2 });
    expect(amounts({ ...three, partners: ['b', 'a', 'c'] })).toEqual({ b: 1, a: 0, c: 2 });
  });

  it('holds every partner within the minimum and maximum and still shares the whole pot', () => {
    /*
     * Minimum £100,000 (10,000,000p), maximum £150,000 (15,000,000p). Unlimited, Hull has
     * 16,756,410.26 (over: held at 15,000,000) and NLinc 8,832,264.96 (under: raised to
     * 10,000,000). NEL's 9,901,709.40 is under too, but once Hull is held down NEL's share of
     * what is left is above the minimum, so it stays in proportion with East Riding:
     *   left = 50,000,000 − 15,000,000 − 10,000,000 = 25,000,000, shared 13581 : 9268 (22849)
     *   East 25,000,000 × 13581/22849 = 14,859,512.451…  (under the maximum)
     *   NEL  25,000,000 ×  9268/22849 = 10,140,487.548…  (over the minimum)
     *   NLinc would get 25,000,000 × 8267/22849 = 9,045,253.6… (under: stays at the minimum)
     * Whole pence 14,859,512 + 10,140,487 = 24,999,999: NEL's .548 takes the last penny.
     * (Pinning NEL at the minimum in the first round, as one might, would give East 15,000,000
     * and NEL 10,000,000: NEL held below its share of what the others leave.)
     */
    const result = allocate(humberside({ floorPence: 10_000_000, capPence: 15_000_000 }));
    expect(amounts(humberside({ floorPence: 10_000_000, capPence: 15_000_000 }))).toEqual({
      [HULL]: 15_000_000,
      [EAST]: 14_859_512,
      [NLINC]: 10_000_000,
      [NEL]: 10_140_488,
    });
    expect(result.partners.map((p) => p.limitedBy)).toEqual(['cap', null, 'floor', null]);
    // What the formula alone gives is kept for the report.
    expect(result.partners.map((p) => p.formulaPence)).toEqual([
      16_756_410, 14_509_615, 8_832_265, 9_901_710,
    ]);
  });

  it('gives everyone the minimum when the minimums take the whole pot', () => {
    expect(amounts(humberside({ floorPence: 12_500_000 }))).toEqual({
      [HULL]: 12_500_000,
      [EAST]: 12_500_000,
      [NLINC]: 12_500_000,
      [NEL]: 12_500_000,
    });
  });

  it('shares an indicator with nothing recorded anywhere equally', () => {
    // 800p, population (1) 3 : 1 and knife crime (1) 0 : 0. Knife crime's half, 400p, goes
    // 200p each; population's 400p goes 300p : 100p. So 500p and 300p (shares 62.5%, 37.5%).
    const result = allocate({
      potPence: 800,
      partners: ['a', 'b'],
      indicators: [
        { key: 'population', weight: 1 },
        { key: 'knife-crime', weight: 1 },
      ],
      values: {
        a: { population: '3', 'knife-crime': '0' },
        b: { population: '1', 'knife-crime': '0.00' },
      },
    });
    expect(result.partners.map((p) => [p.amountPence, p.sharePercent])).toEqual([
      [500, '62.50'],
      [300, '37.50'],
    ]);
    expect(result.partners[1].indicators[1]).toEqual({
      key: 'knife-crime',
      sharePercent: '50.00',
      contributionPence: 200,
    });
  });

  it('gives a single partner the whole pot', () => {
    const result = allocate({
      potPence: 1_234_567,
      partners: [HULL],
      indicators: [{ key: 'population', weight: 5000 }],
      values: { [HULL]: { population: '267000' } },
    });
    expect(result.partners).toEqual([
      {
        partnerId: HULL,
        amountPence: 1_234_567,
        sharePercent: '100.00',
        formulaPence: 1_234_567,
        limitedBy: null,
        indicators: [{ key: 'population', sharePercent: '100.00', contributionPence: 1_234_567 }],
      },
    ]);
  });

  it('gives a partner with no share only the minimum and the rest to the others', () => {
    const result = allocate({
      potPence: 1000,
      partners: ['a', 'b'],
      indicators: [{ key: 'crime', weight: 1 }],
      values: { a: { crime: '23.4' }, b: { crime: '0' } },
      floorPence: 100,
    });
    expect(result.partners.map((p) => [p.amountPence, p.limitedBy])).toEqual([
      [900, null],
      [100, 'floor'],
    ]);
  });

  describe('refuses', () => {
    const code = (input: FormulaInput) => {
      try {
        allocate(input);
        return 'allocated';
      } catch (err) {
        return (err as { code?: string }).code ?? String(err);
      }
    };

    it('minimums that together are more than the pot', () => {
      // 4 × 12,500,001 = 50,000,004 > 50,000,000
      expect(code(humberside({ floorPence: 12_500_001 }))).toBe('floor_too_high');
    });

    it('maximums that together are less than the pot', () => {
      // 4 × 12,499,999 = 49,999,996 < 50,000,000
      expect(code(humberside({ capPence: 12_499_999 }))).toBe('cap_too_low');
      expect(code(humberside({ capPence: 12_500_000 }))).toBe('allocated');
    });

    it('a maximum a partner with no share keeps out of reach', () => {
      const input: FormulaInput = {
        potPence: 1000,
        partners: ['a', 'b'],
        indicators: [{ key: 'crime', weight: 1 }],
        values: { a: { crime: '5' }, b: { crime: '0' } },
        capPence: 600,
      };
      // b stays at no money (no minimum), a can take 600: 400p would be left over.
      expect(code(input)).toBe('cap_too_low');
      expect(code({ ...input, floorPence: 400 })).toBe('allocated');
    });

    it('a minimum above the maximum', () => {
      expect(code(humberside({ floorPence: 2_000_000, capPence: 1_999_999 }))).toBe(
        'floor_above_cap',
      );
    });

    it('no partners, no indicators, no weight, a missing or non-numeric value', () => {
      expect(code(humberside({ partners: [] }))).toBe('no_partners');
      expect(code(humberside({ indicators: [] }))).toBe('no_indicators');
      expect(
        code(
          humberside({
            indicators: [
              { key: 'population', weight: 0 },
              { key: 'crime', weight: 0 },
            ],
          }),
        ),
      ).toBe('no_weight');
      expect(code(humberside({ indicators: [{ key: 'population', weight: -1 }] }))).toBe(
        'invalid_weight',
      );
      expect(code(humberside({ indicators: [{ key: 'deprivation', weight: 1 }] }))).toBe(
        'value_missing',
      );
      const values = humberside().values;
      expect(
        code(humberside({ values: { ...values, [NEL]: { ...values[NEL], crime: '-1' } } })),
      ).toBe('invalid_value');
      expect(
        code(humberside({ values: { ...values, [NEL]: { ...values[NEL], crime: '1e5' } } })),
      ).toBe('invalid_value');
      expect(code(humberside({ potPence: 0 }))).toBe('invalid_pot');
      expect(code(humberside({ potPence: 10.5 }))).toBe('invalid_pot');
    });
  });
});
