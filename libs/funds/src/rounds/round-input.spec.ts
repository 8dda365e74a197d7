import { diversionInput } from '../../../../test/factories/round.factory';
import { roundRuleErrors, RoundInput, totalBudgetPence } from './round-input';

/** The Diversion from ASB and Crime round as it ran: opened 26/09/2022, closed 24/10/2022 at 17:00 UK. */
const diversion = (overrides: Partial<RoundInput> = {}): RoundInput =>
  diversionInput({
    opensAt: new Date('2022-09-25T23:00:00Z'),
    closesAt: new Date('2022-10-24T16:00:00Z'),
    ...overrides,
  });

const fields = (input: RoundInput) => roundRuleErrors(input).map((e) => e.field);

describe('round rules', () => {
  it('accepts the Diversion round and totals its budget to the penny', () => {
    expect(roundRuleErrors(diversion())).toEqual([]);
    expect(totalBudgetPence(diversion())).toBe(20_403_033);
  });

  it('refuses a closing time before the opening time', () =>
    expect(fields(diversion({ closesAt: new Date('2022-09-01T00:00:00Z') }))).toEqual([
      'closesAt',
    ]));

  it('refuses a maximum grant above the budget, saying both amounts', () => {
    const errors = roundRuleErrors(diversion({ maxGrantPence: 20_403_034 }));
    expect(errors).toEqual([
      {
        field: 'maxGrantPence',
        message:
          "The maximum grant (£204,030.34) cannot be more than the round's budget (£204,030.33)",
      },
    ]);
  });

  it('refuses an unknown organisation type by name', () =>
    expect(
      roundRuleErrors(diversion({ eligibleOrganisationTypes: ['charity', 'pirate-ship'] }))[0]
        .message,
    ).toBe('Unknown organisation type: pirate-ship'));

  it('refuses a reserve band above the threshold', () =>
    expect(fields(diversion({ reserveThresholdBp: 7500 }))).toEqual(['reserveThresholdPercent']));

  it('needs areas, a shortlist and winners for a public vote', () =>
    expect(fields(diversion({ decisionMethod: 'public-vote' }))).toEqual([
      'areas',
      'shortlistSize',
      'winnersPerArea',
    ]));

  it('refuses an area cap above the budget and duplicate areas', () =>
    expect(
      fields(
        diversion({
          areas: [
            {
              name: 'Winterton',
              focusIssue: 'ASB',
              budgetCapPence: 30_000_000,
              shortlistSize: null,
            },
            { name: 'winterton', focusIssue: 'ASB', budgetCapPence: null, shortlistSize: null },
          ],
        }),
      ),
    ).toEqual(['areas.0.budgetCapPence', 'areas.1.name']));
});
