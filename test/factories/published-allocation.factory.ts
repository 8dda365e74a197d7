import { AppraisalService, ApplicationsService } from '@grants/applications';
import { SYSTEM_ACTOR } from '@grants/core';
import { RoundSchedulerService, RoundsService } from '@grants/funds';
import { HttpClient } from '../support/http-client';
import { TestContext } from '../support/test-context';
import { completeAnswers, createApplicant, createOrganisation } from './application.factory';
import { diversionInput } from './round.factory';
import { bearerFor, createStaff } from './staff.factory';

export interface PublishedAllocation {
  roundId: string;
  planId: string;
  /** Hull City Council's project: submitted and eligible, waiting for the decision maker. */
  projectId: string;
}

/**
 * An open allocation round of the fund whose plan (one partner, Hull City Council, one
 * indicator) is made by an officer and published by the decision maker through the running
 * server's API, as staff would, with one eligible
 * project from the partner. The project is written through the services.
 */
export async function createPublishedAllocation(
  ctx: TestContext,
  baseUrl: string,
  fundSlug: string,
): Promise<PublishedAllocation> {
  const rounds = ctx.get(RoundsService);
  const created = await rounds.create(
    fundSlug,
    diversionInput({
      code: 'CSP',
      title: 'Community Safety Partnership projects 2023-24',
      opensAt: new Date(Date.now() - 60_000),
      decisionMethod: 'allocation',
      recommendThresholdBp: null,
      reserveThresholdBp: null,
      eligibleOrganisationTypes: ['local-authority'],
      planThemes: ['Curbing violent crime', 'Partnerships'],
      budgetContributions: [{ sourceName: 'Community Safety Fund', amountPence: 4_000_000 }],
    }),
    SYSTEM_ACTOR,
  );
  await rounds.schedule(created.id, SYSTEM_ACTOR);
  await ctx.get(RoundSchedulerService).openIfDue(created.id);
  const round = await rounds.get(created.id, { includeDrafts: true });

  const member = await createApplicant(ctx);
  const hull = await createOrganisation(ctx, member, {
    name: 'Hull City Council',
    type: 'local-authority',
    charityNumber: '',
  });
  const as = async (role: 'grants-officer' | 'decision-maker') =>
    new HttpClient(baseUrl, await bearerFor(baseUrl, (await createStaff(ctx, role)).email));
  const officer = await as('grants-officer');
  const decider = await as('decision-maker');
  const call = async (method: string, path: string, json: unknown, client = officer) => {
    const res = await client.request(method, `/api/v1/staff${path}`, { json });
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${res.text}`);
    return res.json() as { id: string };
  };
  const plan = await call('POST', `/rounds/${round.id}/allocation-plan`, {});
  await call('PUT', `/allocation-plans/${plan.id}/partners`, { organisationIds: [hull.id] });
  await call('PUT', `/allocation-plans/${plan.id}/indicators`, {
    indicators: [{ key: 'population', label: 'Population', weight: 1 }],
  });
  await call('POST', `/allocation-plans/${plan.id}/values`, {
    values: [
      {
        partner: hull.name,
        indicator: 'population',
        value: '267000',
        source: 'ONS mid-2021 estimates',
        period: '2021',
      },
    ],
  });
  await call(
    'POST',
    `/allocation-plans/${plan.id}/publish`,
    {
      title: 'Community Safety Partnership allocations 2023-24',
      summary: 'The pot goes to the partner by population.',
      declarations: 'None',
    },
    decider,
  );

  const applications = ctx.get(ApplicationsService);
  const project = await applications.start(member, round.id, hull.id);
  await applications.saveAnswers(
    member,
    project.id,
    completeAnswers(round, { projectTitle: 'SOS help points in Queens Gardens' }),
    { complete: true },
  );
  await applications.submit(member, project.id);
  await ctx
    .get(AppraisalService)
    .appraise(
      project.id,
      { confirmed: round.appraisalChecklist, outcome: 'eligible' },
      SYSTEM_ACTOR,
    );
  return { roundId: round.id, planId: plan.id, projectId: project.id };
}
