import {
  answersBefore,
  eligibilityOutcome,
  eligibilityQuery,
  maxGrantFor,
  readEligibility,
  EligibilityRound,
} from './eligibility-answers';

const winterton = {
  id: '7c1f3a52-2b0e-4f7e-9a55-0a4f4b7a5c11',
  name: 'Winterton',
  budgetCapPence: 1_000_000,
};
const bridlington = {
  id: '8d2a4b63-3c1f-4a8f-8b66-1b5f5c8b6d22',
  name: 'Bridlington South',
  budgetCapPence: null,
};

/** The Community Response Fund pilot: two areas, up to £10,000 each; and Diversion, no areas. */
const pilot = {
  eligibleOrganisationTypes: ['charity', 'community-group', 'town-or-parish-council'],
  areas: [winterton, bridlington],
  minGrantPence: 0,
  maxGrantPence: 2_000_000,
} as unknown as EligibilityRound;
const diversion = { ...pilot, areas: [] } as unknown as EligibilityRound;

describe('eligibility questions', () => {
  it('reads only answers that are valid for the round', () => {
    expect(
      readEligibility({ type: 'charity', area: winterton.id, amount: '1000000' }, pilot),
    ).toEqual({ type: 'charity', areaId: winterton.id, amountPence: 1_000_000 });
    expect(readEligibility({ type: 'toString', area: 'elsewhere', amount: '-5' }, pilot)).toEqual({
      type: null,
      areaId: null,
      amountPence: null,
    });
    expect(readEligibility({ type: ['charity'], amount: '1.5' }, pilot).type).toBeNull();
  });

  it('asks each question in turn, the area only for rounds with areas', () => {
    expect(eligibilityOutcome(pilot, { type: null, areaId: null, amountPence: null })).toEqual({
      kind: 'ask',
      question: 'organisation-type',
    });
    expect(eligibilityOutcome(pilot, { type: 'charity', areaId: null, amountPence: null })).toEqual(
      { kind: 'ask', question: 'area' },
    );
    expect(
      eligibilityOutcome(diversion, { type: 'charity', areaId: null, amountPence: null }),
    ).toEqual({ kind: 'ask', question: 'amount' });
    expect(
      eligibilityOutcome(pilot, { type: 'charity', areaId: winterton.id, amountPence: 950_000 }),
    ).toEqual({ kind: 'eligible' });
  });

  it('stops a type the round does not fund, and an amount over the area cap', () => {
    expect(eligibilityOutcome(pilot, { type: 'company', areaId: null, amountPence: null })).toEqual(
      { kind: 'cannot-apply', reason: 'organisation-type' },
    );
    expect(
      eligibilityOutcome(pilot, { type: 'charity', areaId: winterton.id, amountPence: 1_500_000 }),
    ).toEqual({ kind: 'cannot-apply', reason: 'amount' });
    expect(
      eligibilityOutcome(pilot, {
        type: 'charity',
        areaId: bridlington.id,
        amountPence: 1_500_000,
      }),
    ).toEqual({ kind: 'eligible' });
    expect(maxGrantFor(pilot, winterton.id)).toBe(1_000_000);
    expect(maxGrantFor(pilot, bridlington.id)).toBe(2_000_000);
  });

  it('carries the answers in a query string and keeps only earlier ones for a question', () => {
    const answers = { type: 'charity' as const, areaId: winterton.id, amountPence: 950_000 };
    expect(eligibilityQuery(answers)).toBe(`?type=charity&area=${winterton.id}&amount=950000`);
    expect(eligibilityQuery({})).toBe('');
    expect(answersBefore('area', answers)).toEqual({
      type: 'charity',
      areaId: null,
      amountPence: null,
    });
  });
});
