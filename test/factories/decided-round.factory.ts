import { Application } from '@grants/applications';
import { RecommendationService, RubricService } from '@grants/assessment';
import { DecisionPackageService, DecisionSignOffService } from '@grants/awards';
import { GrantRound } from '@grants/funds';
import { staffActor } from '@grants/identity';
import type { TestContext } from '../support/test-context';
import { createScoredRound } from './scored-round.factory';
import { createStaff } from './staff.factory';

export interface DecidedRound {
  round: GrantRound;
  /** Awarded £15,000 (80%), declined by the decision maker (80%), not recommended (60%). */
  apps: [Application, Application, Application];
  /** The signed-off record's number ("DR-2026-001"), not yet published. */
  number: string;
  /** The one organisation all three applied from, and the email of its member. */
  organisationName: string;
  applicantEmail: string;
}

/**
 * A small scored round taken through the services to a signed-off decision: three £15,000 bids
 * against £50,000, one awarded, one declined, one not recommended (with the officer's feedback).
 */
export async function createDecidedRound(
  ctx: TestContext,
  code: string,
  options: { publishScores?: boolean } = {},
): Promise<DecidedRound> {
  const { round, apps } = await createScoredRound(ctx, {
    code,
    title: 'Diversion from ASB and Crime',
    budgetPence: 5_000_000,
    projects: [
      { projectTitle: 'Boxing club, Saturday mornings', score: 4 },
      { projectTitle: 'Detached youth work in Winterton', score: 4 },
      { projectTitle: 'Street sport in Bridlington South', score: 3 },
    ],
  });
  const officer = staffActor(await createStaff(ctx, 'grants-officer'));
  const pcc = staffActor(await createStaff(ctx, 'decision-maker'));
  if (options.publishScores) await ctx.get(RubricService).setPublishScores(round.id, true, officer);
  const recommendations = ctx.get(RecommendationService);
  await recommendations.submit(round.id, officer);
  await recommendations.setFeedback(
    round.id,
    apps[2].id,
    'The panel found the outcomes hard to measure.',
    officer,
  );
  const packages = ctx.get(DecisionPackageService);
  await packages.approve(round.id, apps[0].id, {}, pcc);
  await packages.decline(round.id, apps[1].id, 'Duplicates existing provision', pcc);
  const record = await ctx.get(DecisionSignOffService).signOff(
    round.id,
    {
      title: 'Diversion from ASB and Crime grants',
      summary: 'A grant to one project diverting young people from anti-social behaviour.',
      declarations: 'None',
    },
    pcc,
  );
  const [member]: { email: string; name: string }[] = await ctx.dataSource.query(
    `SELECT a.email, o.name FROM organisation_members m
       JOIN applicants a ON a.id = m.applicant_id
       JOIN organisations o ON o.id = m.organisation_id
      WHERE m.organisation_id = $1`,
    [apps[0].organisationId],
  );
  return {
    round,
    apps: [apps[0], apps[1], apps[2]],
    number: record.number,
    organisationName: member.name,
    applicantEmail: member.email,
  };
}
