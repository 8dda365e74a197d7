import { SYSTEM_ACTOR } from '@grants/core';
import { FundsService, GrantRound, RoundInput, RoundsService, RoundStatus } from '@grants/funds';
import { CRF, CSF, diversionInput } from '../factories/round.factory';
import { TEST_PASSWORD } from '../factories/staff.factory';
import { TestContext } from '../support/test-context';

export { TEST_PASSWORD };

/** The pilot round: two areas, £10,000 each, a public vote with 3 shortlisted and 1 winner. */
export function pilotInput(overrides: Partial<RoundInput> = {}): RoundInput {
  return diversionInput({
    code: 'PILOT',
    title: 'Community Response Fund pilot',
    theme: 'Anti-social behaviour',
    description: 'Projects that respond to what residents told us in the consultation.',
    budgetContributions: [{ sourceName: 'Community Response Fund', amountPence: 2_000_000 }],
    maxGrantPence: 1_000_000,
    minDurationMonths: 3,
    maxDurationMonths: 12,
    eligibleOrganisationTypes: [
      'charity',
      'social-enterprise',
      'community-group',
      'town-or-parish-council',
    ],
    planThemes: ['Neighbourhood and community policing'],
    areas: [
      {
        name: 'Winterton',
        focusIssue: 'Anti-social behaviour in park areas where young people gather',
        budgetCapPence: 1_000_000,
        shortlistSize: 3,
      },
      {
        name: 'Bridlington South',
        focusIssue: 'Anti-social behaviour linked to drug taking',
        budgetCapPence: 1_000_000,
        shortlistSize: null,
      },
    ],
    decisionMethod: 'public-vote',
    recommendThresholdBp: null,
    reserveThresholdBp: null,
    shortlistSize: 3,
    winnersPerArea: 1,
    ...overrides,
  });
}

/**
 * The two funds, with slugs and codes tagged by the caller, so a file can make several sets.
 */
export async function createFunds(ctx: TestContext, tag: string) {
  const funds = ctx.get(FundsService);
  const tagged = (fund: typeof CSF) => ({
    ...fund,
    slug: `${fund.slug}-${tag}`,
    code: `${fund.code}-${tag.toUpperCase()}`,
  });
  return {
    csf: await funds.create(tagged(CSF), SYSTEM_ACTOR),
    crf: await funds.create(tagged(CRF), SYSTEM_ACTOR),
  };
}

/**
 * A round in the given status. Statuses are set directly (not through the scheduler) so a
 * fixture can be "closed" with real dates in the past, like the Diversion round of 2022.
 */
export async function createRoundIn(
  ctx: TestContext,
  fundSlug: string,
  status: RoundStatus,
  input: RoundInput,
): Promise<GrantRound> {
  const round = await ctx.get(RoundsService).create(fundSlug, input, SYSTEM_ACTOR);
  if (status !== 'draft')
    await ctx.dataSource.query('UPDATE grant_rounds SET status = $1 WHERE id = $2', [
      status,
      round.id,
    ]);
  return round;
}

export async function roundCount(ctx: TestContext): Promise<number> {
  const rows: { count: string }[] = await ctx.dataSource.query(
    'SELECT count(*)::text AS count FROM grant_rounds',
  );
  return Number(rows[0].count);
}
