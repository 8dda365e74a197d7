import { Application, ApplicationsService, AppraisalService } from '@grants/applications';
import { SYSTEM_ACTOR } from '@grants/core';
import { GrantRound } from '@grants/funds';
import type { TestContext } from '../support/test-context';
import {
  createApplicant,
  createCompleteDraft,
  createOpenRound,
  createOrganisation,
} from './application.factory';
import { CRF, createFund } from './round.factory';

export interface VoteRound {
  round: GrantRound;
  /** Eligible applications by area name, in the order they were made. */
  byArea: Record<string, Application[]>;
}

/**
 * The Community Response Fund pilot as an open public-vote round: Winterton and Bridlington
 * South, up to three projects each on the shortlist and GBP 10,000 a winner, with `perArea`
 * eligible applications in each area from different community groups.
 */
export async function createVoteRound(ctx: TestContext, perArea = 4): Promise<VoteRound> {
  await createFund(ctx, CRF);
  const round = await createOpenRound(ctx, CRF.slug, {
    code: 'PILOT',
    title: 'Community Response Fund pilot',
    theme: 'Community safety',
    budgetContributions: [{ sourceName: 'Community Response Fund', amountPence: 2_000_000 }],
    maxGrantPence: 1_000_000,
    minDurationMonths: 3,
    maxDurationMonths: 12,
    eligibleOrganisationTypes: ['charity', 'community-group', 'town-or-parish-council'],
    areas: [
      {
        name: 'Winterton',
        focusIssue: 'Anti-social behaviour in park areas where young people gather',
        budgetCapPence: 1_000_000,
        shortlistSize: 3,
      },
      {
        name: 'Bridlington South',
        focusIssue: 'Drug dealing and its effect on residents',
        budgetCapPence: 1_000_000,
        shortlistSize: 3,
      },
    ],
    decisionMethod: 'public-vote',
    recommendThresholdBp: null,
    reserveThresholdBp: null,
    shortlistSize: 3,
    winnersPerArea: 1,
  });
  const byArea: Record<string, Application[]> = {};
  for (const area of round.areas) {
    byArea[area.name] = [];
    for (let i = 0; i < perArea; i += 1) {
      const applicant = await createApplicant(ctx);
      const organisation = await createOrganisation(ctx, applicant, {
        name: `${area.name} community group ${i + 1}`,
      });
      const draft = await createCompleteDraft(ctx, applicant, organisation.id, round, {
        areaId: area.id,
        projectTitle: `${area.name} project ${i + 1}`,
        amountRequestedPence: 950_000 - i * 50_000,
        budgetLines: [
          { item: 'Equipment', amountPence: 650_000 - i * 50_000 },
          { item: 'Staff time', amountPence: 300_000 },
        ],
        durationMonths: 6,
      });
      await ctx.get(ApplicationsService).submit(applicant, draft.id);
      byArea[area.name].push(
        await ctx
          .get(AppraisalService)
          .appraise(
            draft.id,
            { confirmed: round.appraisalChecklist, outcome: 'eligible' },
            SYSTEM_ACTOR,
          ),
      );
    }
  }
  return { round, byArea };
}
