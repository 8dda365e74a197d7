import { SYSTEM_ACTOR } from '@grants/core';
import { CreateFundDto, FundsService, RoundInput, RoundsService } from '@grants/funds';
import type { TestContext } from '../support/test-context';

export const CSF: CreateFundDto = {
  name: "Commissioner's Safety Fund",
  slug: 'commissioners-safety-fund',
  code: 'CSF',
  description: 'Themed rounds for community safety projects.',
  owningOffice: 'Office of the Police and Crime Commissioner for Leicestershire',
};

export const CRF: CreateFundDto = {
  name: 'Community Response Fund',
  slug: 'community-response-fund',
  code: 'CRF',
  description: 'Responds to issues residents raised in a public consultation.',
  owningOffice: 'Office of the Police and Crime Commissioner for Humberside',
};

/** The Diversion from ASB and Crime round, with its real budget and limits; times relative to now. */
export function diversionInput(overrides: Partial<RoundInput> = {}): RoundInput {
  const now = Date.now();
  return {
    code: 'DIV',
    title: 'Diversion from ASB and Crime',
    theme: 'Diversion',
    description: 'Activities for people aged 10 to 24, joint with the Violence Reduction Network.',
    opensAt: new Date(now + 60 * 60_000),
    closesAt: new Date(now + 28 * 24 * 60 * 60_000),
    budgetContributions: [
      { sourceName: "Commissioner's Safety Fund", amountPence: 10_000_000 },
      { sourceName: 'Violence Reduction Network', amountPence: 10_403_033 },
    ],
    minGrantPence: 0,
    maxGrantPence: 2_000_000,
    minDurationMonths: 12,
    maxDurationMonths: 24,
    eligibleOrganisationTypes: [
      'charity',
      'community-group',
      'faith-group',
      'sports-or-social-club',
      'other-voluntary-organisation',
    ],
    planThemes: ['Curbing violent crime', 'Partnerships'],
    areas: [],
    decisionMethod: 'scored',
    recommendThresholdBp: 7000,
    reserveThresholdBp: 6000,
    shortlistSize: null,
    winnersPerArea: null,
    ...overrides,
  };
}

/** The same round as the JSON API takes it. */
export function diversionJson(overrides: Record<string, unknown> = {}) {
  const input = diversionInput();
  return {
    fundSlug: CSF.slug,
    code: input.code,
    title: input.title,
    theme: input.theme,
    description: input.description,
    opensAt: input.opensAt.toISOString(),
    closesAt: input.closesAt.toISOString(),
    budgetContributions: input.budgetContributions,
    minGrantPence: input.minGrantPence,
    maxGrantPence: input.maxGrantPence,
    minDurationMonths: input.minDurationMonths,
    maxDurationMonths: input.maxDurationMonths,
    eligibleOrganisationTypes: input.eligibleOrganisationTypes,
    planThemes: input.planThemes,
    decisionMethod: 'scored',
    recommendThresholdPercent: 70,
    reserveThresholdPercent: 60,
    ...overrides,
  };
}

export async function createFund(ctx: TestContext, fund: CreateFundDto = CSF) {
  return ctx.get(FundsService).create(fund, SYSTEM_ACTOR);
}

export async function createRound(
  ctx: TestContext,
  fundSlug = CSF.slug,
  overrides: Partial<RoundInput> = {},
) {
  return ctx.get(RoundsService).create(fundSlug, diversionInput(overrides), SYSTEM_ACTOR);
}
