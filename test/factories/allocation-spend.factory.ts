import { ApplicationsService, AppraisalService } from '@grants/applications';
import {
  AllocationProjectsService,
  AllocationReleaseService,
  AllocationsService,
} from '@grants/allocations';
import { Actor, SYSTEM_ACTOR, ukToday } from '@grants/core';
import { GrantRound, RoundSchedulerService, RoundsService } from '@grants/funds';
import { Applicant, staffActor } from '@grants/identity';
import { AwardAcceptanceService, GrantPaymentsService } from '@grants/monitoring';
import { Organisation } from '@grants/organisations';
import type { TestContext } from '../support/test-context';
import { completeAnswers, createApplicant, createOrganisation } from './application.factory';
import { COUNCILS, HUMBERSIDE_CSV, INDICATORS } from './humberside-allocation.factory';
import { CRF, createFund, diversionInput } from './round.factory';
import { createStaff } from './staff.factory';

export const SPEND_RECORD = {
  title: 'Humberside community safety allocations 2023-24',
  summary: 'The £500,000.00 pot is shared between the four councils by population, crime and ASB.',
  declarations: 'None',
};

/** The councils' allocations by hand (test/factories/humberside-allocation.factory.ts), in pence. */
export const ALLOCATIONS = [16_756_410, 14_509_615, 8_832_265, 9_901_710];

/** What happens after publication, chosen so every column of the report has something in it. */
export const PROJECTS = {
  anpr: {
    title: 'ANPR camera for the Princes Quay car park',
    asked: 1_250_000,
    approved: 1_250_000,
  },
  sos: { title: 'SOS help points in the city centre', asked: 3_000_000, approved: 2_500_050 },
  atv: { title: 'All-terrain vehicles against rural crime', asked: 4_000_000, approved: 4_000_000 },
  bystander: { title: 'Peer-led bystander programme', asked: 800_000 },
};
/** Paid on Hull's ANPR camera: part of its first instalment. */
export const PAID = 312_513;

export interface SpentAllocation {
  round: GrantRound;
  planId: string;
  recordNumber: string;
  councils: Organisation[];
  applicants: Applicant[];
  references: Record<keyof typeof PROJECTS, string>;
}

/**
 * Humberside's four councils share £500,000.00 (50 / 30 / 20 over population, crime and ASB),
 * published as a decision record (not yet public); then, through the services: Hull gets two
 * projects approved (£12,500.00, and £25,000.50 of £30,000.00 asked), accepts the first and is
 * paid £3,125.13 of it; East Riding gets £40,000.00 approved; North Lincolnshire's project is
 * declined and its whole allocation released back to the pot; North East Lincolnshire has none.
 */
export async function createSpentAllocation(ctx: TestContext): Promise<SpentAllocation> {
  await createFund(ctx, CRF);
  const rounds = ctx.get(RoundsService);
  const created = await rounds.create(
    CRF.slug,
    diversionInput({
      code: 'CSP',
      title: 'Humberside community safety allocations 2023-24',
      opensAt: new Date(Date.now() - 60_000),
      decisionMethod: 'allocation',
      recommendThresholdBp: null,
      reserveThresholdBp: null,
      eligibleOrganisationTypes: ['local-authority'],
      maxGrantPence: 5_000_000,
      budgetContributions: [{ sourceName: 'Community Safety Fund', amountPence: 60_000_000 }],
    }),
    SYSTEM_ACTOR,
  );
  await rounds.schedule(created.id, SYSTEM_ACTOR);
  await ctx.get(RoundSchedulerService).openIfDue(created.id);
  const round = await rounds.get(created.id, { includeDrafts: true });

  const applicants: Applicant[] = [];
  const councils: Organisation[] = [];
  for (const name of COUNCILS) {
    const applicant = await createApplicant(ctx);
    applicants.push(applicant);
    councils.push(
      await createOrganisation(ctx, applicant, {
        name,
        type: 'local-authority',
        charityNumber: '',
        companyNumber: '',
      }),
    );
  }

  const officer = staffActor(await createStaff(ctx, 'grants-officer'));
  const decider = staffActor(await createStaff(ctx, 'decision-maker'));
  const allocations = ctx.get(AllocationsService);
  const plan = await allocations.create(officer, round.id, { potPence: 50_000_000 });
  await allocations.setPartners(
    officer,
    plan.id,
    councils.map((c) => c.id),
  );
  await allocations.setIndicators(
    officer,
    plan.id,
    INDICATORS.map((i) => ({ ...i, weight: Number(i.weight) })),
  );
  await allocations.importCsv(officer, plan.id, HUMBERSIDE_CSV);
  const published = await allocations.publish(decider, plan.id, SPEND_RECORD);

  const project = async (partner: number, p: { title: string; asked: number }) => {
    const applications = ctx.get(ApplicationsService);
    const started = await applications.start(applicants[partner], round.id, councils[partner].id);
    await applications.saveAnswers(
      applicants[partner],
      started.id,
      completeAnswers(round, {
        projectTitle: p.title,
        amountRequestedPence: p.asked,
        budgetLines: [{ item: 'Equipment and delivery', amountPence: p.asked }],
      }),
      { complete: true },
    );
    const submitted = await applications.submit(applicants[partner], started.id);
    await ctx
      .get(AppraisalService)
      .appraise(
        started.id,
        { confirmed: round.appraisalChecklist, outcome: 'eligible' },
        SYSTEM_ACTOR,
      );
    return { id: started.id, reference: submitted.reference! };
  };
  const projects = ctx.get(AllocationProjectsService);
  const approve = (id: string, amountPence: number, actor: Actor = decider) =>
    projects.approve(actor, id, { amountPence });

  const anpr = await project(0, PROJECTS.anpr);
  const sos = await project(0, PROJECTS.sos);
  const atv = await project(1, PROJECTS.atv);
  const bystander = await project(2, PROJECTS.bystander);
  await approve(anpr.id, PROJECTS.anpr.approved);
  await approve(sos.id, PROJECTS.sos.approved);
  await approve(atv.id, PROJECTS.atv.approved);
  await projects.decline(decider, bystander.id, { reason: 'The programme is funded nationally.' });

  await ctx.get(AwardAcceptanceService).accept(applicants[0], anpr.id, {
    name: 'Dave Fielding',
    role: 'Community Safety Partnership manager',
    confirmed: true,
  });
  const [due]: { id: string }[] = await ctx.dataSource.query(
    `SELECT p.id FROM grant_payments p JOIN awards w ON w.id = p.award_id
      WHERE w.application_id = $1 AND p.status = 'due' ORDER BY p.sequence LIMIT 1`,
    [anpr.id],
  );
  await ctx.get(GrantPaymentsService).markPaid(SYSTEM_ACTOR, due.id, {
    paidOn: ukToday(new Date()),
    amountPence: PAID,
    reference: 'BACS 2023-0412',
  });
  await ctx.get(AllocationReleaseService).release(decider, plan.id, {
    title: 'North Lincolnshire’s unspent allocation',
    summary: 'No project will use it this year.',
    declarations: 'None',
    organisationIds: [councils[2].id],
  });

  return {
    round,
    planId: plan.id,
    recordNumber: published.decisionRecordNumber!,
    councils,
    applicants,
    references: {
      anpr: anpr.reference,
      sos: sos.reference,
      atv: atv.reference,
      bystander: bystander.reference,
    },
  };
}
