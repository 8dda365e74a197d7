import { TestContext } from '../support/test-context';
import {
  createOpenAllocationRound,
  createPartner,
  DECISION_COUNCILS,
  publishPlan,
  seedProject,
} from './allocation-decisions.factory';

export interface PublishedAllocation {
  roundId: string;
  planId: string;
  /** Hull City Council's project: submitted and eligible, waiting for the decision maker. */
  projectId: string;
}

/**
 * An open allocation round of the Community Response Fund (which must exist) with its plan for
 * the four councils published through the running server's API, and one eligible project from
 * Hull City Council.
 */
export async function createPublishedAllocation(
  ctx: TestContext,
  baseUrl: string,
): Promise<PublishedAllocation> {
  const round = await createOpenAllocationRound(ctx);
  const councils = [];
  for (const { name } of DECISION_COUNCILS) councils.push(await createPartner(ctx, name));
  const planId = await publishPlan(ctx, baseUrl, round, councils);
  const projectId = await seedProject(
    ctx,
    round,
    councils[0],
    1_500_000,
    'SOS help points in Queens Gardens',
  );
  return { roundId: round.id, planId, projectId };
}
