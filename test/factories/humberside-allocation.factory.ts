import { SYSTEM_ACTOR } from '@grants/core';
import { GrantRound, RoundsService } from '@grants/funds';
import { Organisation } from '@grants/organisations';
import { TestContext } from '../support/test-context';
import { diversionInput } from './round.factory';

export const COUNCILS = [
  'Hull City Council',
  'East Riding of Yorkshire Council',
  'North Lincolnshire Council',
  'North East Lincolnshire Council',
];

/*
 * Humberside's four councils share £500,000.00 by population (weight 50), total recorded crime
 * (30) and anti-social behaviour (20), as test/e2e/allocations-api.e2e-spec.ts works out: over
 * 46,800ths the shares are 15684, 13581, 8267 and 9268; whole pence add up to 49,999,998 and the
 * two pennies left go to the two largest remainders (North Lincolnshire's .957, then .401).
 */
export const HUMBERSIDE_CSV = [
  'partner,indicator,value,source,period',
  'Hull City Council,population,267000,ONS mid-2021 estimates,2021',
  'East Riding of Yorkshire Council,population,342000,ONS mid-2021 estimates,2021',
  'North Lincolnshire Council,population,170000,ONS mid-2021 estimates,2021',
  'North East Lincolnshire Council,population,157000,ONS mid-2021 estimates,2021',
  'Hull City Council,crime,"30,000",Humberside Police,2022-23',
  'East Riding of Yorkshire Council,crime,18000,Humberside Police,2022-23',
  'North Lincolnshire Council,crime,14000,Humberside Police,2022-23',
  'North East Lincolnshire Council,crime,18000,Humberside Police,2022-23',
  'Hull City Council,asb,6000,Humberside Police,2022-23',
  'East Riding of Yorkshire Council,asb,3000,Humberside Police,2022-23',
  'North Lincolnshire Council,asb,2500,Humberside Police,2022-23',
  'North East Lincolnshire Council,asb,3500,Humberside Police,2022-23',
].join('\n');

/** Each council's allocation with the weights 50 / 30 / 20, by hand, in council order. */
export const HAND_COMPUTED = ['£167,564.10', '£145,096.15', '£88,322.65', '£99,017.10'];

/**
 * Population alone: 50,000,000 × 267/936, 342/936, 170/936 and 157/936 pence; whole pence
 * 49,999,998, the 2p left to East Riding (.769) and North Lincolnshire (.581).
 */
export const POPULATION_ONLY = ['£142,628.20', '£182,692.31', '£90,811.97', '£83,867.52'];
/** Population alone against 50 / 30 / 20: they add up to nothing, to the penny. */
export const POPULATION_ONLY_CHANGE = [
  '£24,935.90 less',
  '£37,596.16 more',
  '£2,489.32 more',
  '£15,149.58 less',
];

export const INDICATORS = [
  { key: 'population', label: 'Population', weight: '50' },
  { key: 'crime', label: 'Total recorded crime', weight: '30' },
  { key: 'asb', label: 'Anti-social behaviour incidents', weight: '20' },
];

/** A draft allocation round with a £600,000 budget, for local authorities. */
export async function createAllocationRound(ctx: TestContext, fundSlug: string, code = 'CSP') {
  return ctx.get(RoundsService).create(
    fundSlug,
    diversionInput({
      code,
      title: 'Humberside community safety allocations 2023-24',
      decisionMethod: 'allocation',
      recommendThresholdBp: null,
      reserveThresholdBp: null,
      eligibleOrganisationTypes: ['local-authority'],
      budgetContributions: [{ sourceName: 'Community Safety Fund', amountPence: 60_000_000 }],
    }),
    SYSTEM_ACTOR,
  ) as Promise<GrantRound>;
}

/** The four councils, in the order above, and a charity the round is not for. */
export async function createCouncils(ctx: TestContext) {
  const manager = ctx.dataSource.manager;
  const councils: Organisation[] = [];
  for (const name of COUNCILS)
    councils.push(
      await manager.save(manager.create(Organisation, { name, type: 'local-authority' })),
    );
  const charity = await manager.save(
    manager.create(Organisation, { name: 'Goole Youth Boxing Club', type: 'charity' }),
  );
  return { councils, charity };
}
