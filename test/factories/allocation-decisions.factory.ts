import { AppraisalService, ApplicationsService } from '@grants/applications';
import { SYSTEM_ACTOR } from '@grants/core';
import { CRF } from './round.factory';
import { GrantRound } from '@grants/funds';
import { Applicant } from '@grants/identity';
import { Organisation } from '@grants/organisations';
import { HttpClient } from '../support/http-client';
import { TestContext } from '../support/test-context';
import {
  completeAnswers,
  createApplicant,
  createOpenRound,
  createOrganisation,
} from './application.factory';
import { bearerFor, createStaff } from './staff.factory';

/*
 * Humberside's four councils share £100,000.00 by population alone, 4 : 3 : 2 : 1, so the
 * allocations are exactly £40,000.00, £30,000.00, £20,000.00 and £10,000.00.
 */
export const DECISION_COUNCILS = [
  { name: 'Hull City Council', population: '400000', allocation: '£40,000.00' },
  { name: 'East Riding of Yorkshire Council', population: '300000', allocation: '£30,000.00' },
  { name: 'North Lincolnshire Council', population: '200000', allocation: '£20,000.00' },
  { name: 'North East Lincolnshire Council', population: '100000', allocation: '£10,000.00' },
];

export interface AllocationPartner {
  organisation: Organisation;
  applicant: Applicant;
}

/** An open allocation round of the Community Response Fund, its plan not yet made. */
export function createOpenAllocationRound(ctx: TestContext): Promise<GrantRound> {
  return createOpenRound(ctx, CRF.slug, {
    code: 'CSP',
    title: 'Community Safety Partnership projects 2023-24',
    decisionMethod: 'allocation',
    recommendThresholdBp: null,
    reserveThresholdBp: null,
    eligibleOrganisationTypes: ['local-authority', 'charity'],
    planThemes: ['Curbing violent crime', 'Partnerships', 'Victims of crime'],
    maxGrantPence: 5_000_000,
    budgetContributions: [{ sourceName: 'Community Response Fund', amountPence: 12_000_000 }],
  });
}

/** An organisation with one member, who can sign in by email code. */
export async function createPartner(
  ctx: TestContext,
  name: string,
  type = 'local-authority',
): Promise<AllocationPartner> {
  const applicant = await createApplicant(ctx);
  const organisation = await createOrganisation(ctx, applicant, {
    name,
    type,
    charityNumber: type === 'charity' ? '1123456' : '',
  });
  return { organisation, applicant };
}

/**
 * The plan made through the running server's API by a grants officer and published by the
 * decision maker, as staff would (the test context has no allocations module of its own).
 */
export async function publishPlan(
  ctx: TestContext,
  baseUrl: string,
  round: GrantRound,
  councils: AllocationPartner[],
): Promise<string> {
  const officer = new HttpClient(
    baseUrl,
    await bearerFor(baseUrl, (await createStaff(ctx, 'grants-officer')).email),
  );
  const decider = new HttpClient(
    baseUrl,
    await bearerFor(baseUrl, (await createStaff(ctx, 'decision-maker')).email),
  );
  const call = async (method: string, path: string, json: unknown, as = officer) => {
    const res = await as.request(method, `/api/v1/staff${path}`, { json });
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${res.text}`);
    return res.json() as { id: string };
  };
  const plan = await call('POST', `/rounds/${round.id}/allocation-plan`, {
    potPence: 10_000_000,
  });
  await call('PUT', `/allocation-plans/${plan.id}/partners`, {
    organisationIds: councils.map((c) => c.organisation.id),
  });
  await call('PUT', `/allocation-plans/${plan.id}/indicators`, {
    indicators: [{ key: 'population', label: 'Population', weight: 1 }],
  });
  await call('POST', `/allocation-plans/${plan.id}/values`, {
    values: DECISION_COUNCILS.map((c) => ({
      partner: c.name,
      indicator: 'population',
      value: c.population,
      source: 'ONS mid-2021 estimates',
      period: '2021',
    })),
  });
  await call(
    'POST',
    `/allocation-plans/${plan.id}/publish`,
    {
      title: 'Community Safety Partnership allocations 2023-24',
      summary: 'The pot shared between the four councils by population.',
      declarations: 'None',
    },
    decider,
  );
  return plan.id;
}

/**
 * A partner's project sent in through the services (which, in the test context, apply no
 * allocation rule: two projects may together ask for more than the partner has, so that the
 * approvals' own check is what is tested), and appraised eligible unless asked not to be.
 */
export async function seedProject(
  ctx: TestContext,
  round: GrantRound,
  partner: AllocationPartner,
  amountPence: number,
  projectTitle: string,
  options: { eligible?: boolean } = {},
): Promise<string> {
  const applications = ctx.get(ApplicationsService);
  const started = await applications.start(partner.applicant, round.id, partner.organisation.id);
  await applications.saveAnswers(
    partner.applicant,
    started.id,
    completeAnswers(round, {
      amountRequestedPence: amountPence,
      projectTitle,
      budgetLines: [{ item: 'Equipment and delivery', amountPence }],
    }),
    { complete: true },
  );
  await applications.submit(partner.applicant, started.id);
  if (options.eligible ?? true)
    await ctx
      .get(AppraisalService)
      .appraise(
        started.id,
        { confirmed: round.appraisalChecklist, outcome: 'eligible' },
        SYSTEM_ACTOR,
      );
  return started.id;
}
