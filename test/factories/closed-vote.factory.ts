import { Application } from '@grants/applications';
import { Ballot, TallyService } from '@grants/ballots';
import { SYSTEM_ACTOR } from '@grants/core';
import { GrantRound } from '@grants/funds';
import type { TestContext } from '../support/test-context';
import { castVote } from './ballot-votes.factory';
import { closeBallotNow, createOpenBallot } from './open-ballot.factory';
import { createVoteRound } from './vote-round.factory';

export interface ClosedVote {
  round: GrantRound;
  byArea: Record<string, Application[]>;
  winterton: Ballot;
  bridlington: Ballot;
}

/** A sign-off the decision maker might write for the pilot's winners. */
export const VOTE_SIGN_OFF = {
  title: 'Community Response Fund: pilot, public vote winners',
  summary: 'Residents chose one project in each area; each is offered its grant.',
  declarations: 'None',
};

/**
 * The pilot's two ballots voted on and closed, no result published: in Winterton project 1
 * wins two votes to one; in Bridlington South projects 1 and 2 tie on one vote each. Winterton's
 * cap is then lowered to £9,000, below its winner's £9,500, so the grant is held to the cap.
 */
export async function createClosedVote(ctx: TestContext): Promise<ClosedVote> {
  const { round, byArea } = await createVoteRound(ctx, 4);
  const w = byArea['Winterton'];
  const b = byArea['Bridlington South'];
  const winterton = await createOpenBallot(ctx, round, 'Winterton', w, 'DN15 9');
  const bridlington = await createOpenBallot(ctx, round, 'Bridlington South', b, 'YO15, YO16');
  const votes: [Ballot, string, Application][] = [
    [winterton, 'DN15 9AA', w[0]],
    [winterton, 'DN15 9AB', w[0]],
    [winterton, 'DN15 9AD', w[1]],
    [bridlington, 'YO15 2AB', b[0]],
    [bridlington, 'YO16 4QT', b[1]],
  ];
  for (const [i, [ballot, postcode, app]] of votes.entries())
    await castVote(ctx, ballot.id, { email: `resident${i}@example.org`, postcode }, app.id);
  await closeBallotNow(ctx, winterton.id);
  await closeBallotNow(ctx, bridlington.id);
  await ctx.dataSource.query(
    `UPDATE round_areas SET budget_cap_pence = 900000 WHERE round_id = $1 AND name = 'Winterton'`,
    [round.id],
  );
  return { round, byArea, winterton, bridlington };
}

/** Winterton's result as counted: project 1 wins outright. */
export function publishWinterton(ctx: TestContext, vote: ClosedVote): Promise<Ballot> {
  return ctx.get(TallyService).publish(vote.winterton.id, null, SYSTEM_ACTOR);
}

/** Bridlington South's tie, settled as the decision maker would: project 2, with the reason. */
export function publishBridlington(ctx: TestContext, vote: ClosedVote): Promise<Ballot> {
  return ctx.get(TallyService).publish(
    vote.bridlington.id,
    {
      winnerApplicationId: vote.byArea['Bridlington South'][1].id,
      note: 'Project 2 reaches the estate where most of the reports come from.',
    },
    SYSTEM_ACTOR,
  );
}
