import { Application, ApplicationsService, AppraisalService } from '@grants/applications';
import { Applicant, StaffUser } from '@grants/identity';
import { AssignmentsService, RubricService, ScoringService } from '@grants/assessment';
import { SYSTEM_ACTOR } from '@grants/core';
import { GrantRound } from '@grants/funds';
import { staffActor } from '@grants/identity';
import type { TestContext } from '../support/test-context';
import {
  createApplicant,
  createCompleteDraft,
  createOpenRound,
  createOrganisation,
} from './application.factory';
import { CSF } from './round.factory';
import { createStaff } from './staff.factory';

export interface ScoredProject {
  projectTitle: string;
  /** Out of 5 on every standard criterion: 4 is 80%, 3 is 60%. */
  score: number;
}

/**
 * A round of eligible applications (the factory's £15,000 each), every one scored by one
 * assessor on the standard criteria: ready for the grants officer's recommendation.
 */
export async function createScoredRound(
  ctx: TestContext,
  options: {
    code: string;
    title: string;
    budgetPence: number;
    projects: ScoredProject[];
    /** The applicant's address, for a test that signs in as them. */
    applicantEmail?: string;
  },
): Promise<{ round: GrantRound; apps: Application[]; applicant: Applicant; assessor: StaffUser }> {
  const round = await createOpenRound(ctx, CSF.slug, {
    code: options.code,
    title: options.title,
    budgetContributions: [
      { sourceName: "Commissioner's Safety Fund", amountPence: options.budgetPence },
    ],
  });
  const applicant = await createApplicant(ctx, options.applicantEmail);
  const organisation = await createOrganisation(ctx, applicant);
  const assessor = await createStaff(ctx, 'assessor');
  const actor = staffActor(assessor);
  const criteria = await ctx.get(RubricService).ensure(round.id, SYSTEM_ACTOR);
  const apps: Application[] = [];
  for (const { projectTitle, score } of options.projects) {
    const draft = await createCompleteDraft(ctx, applicant, organisation.id, round, {
      projectTitle,
    });
    await ctx.get(ApplicationsService).submit(applicant, draft.id);
    const app = await ctx
      .get(AppraisalService)
      .appraise(
        draft.id,
        { confirmed: round.appraisalChecklist, outcome: 'eligible' },
        SYSTEM_ACTOR,
      );
    apps.push(app);
    const [assignment] = await ctx
      .get(AssignmentsService)
      .assign(app.id, [assessor.id], SYSTEM_ACTOR);
    await ctx.get(AssignmentsService).declare(assignment.id, assessor, { conflict: false }, actor);
    await ctx.get(ScoringService).save(
      assignment.id,
      assessor,
      criteria.map((c) => ({ criterionId: c.id, score, comment: `Scored ${score}` })),
      actor,
    );
    await ctx.get(ScoringService).submit(assignment.id, assessor, actor);
  }
  return { round, apps, applicant, assessor };
}
