import { Application } from '@grants/applications';
import { Ballot, BallotSchedulerService, BallotsService, ShortlistService } from '@grants/ballots';
import { SYSTEM_ACTOR } from '@grants/core';
import { GrantRound } from '@grants/funds';
import type { TestContext } from '../support/test-context';

const DAY = 24 * 3600_000;

/**
 * The server runs on real time, and a ballot can only be scheduled to open in the future (after
 * applications close). Tests over HTTP therefore move the opening (or closing) time into the
 * past with SQL and run the timer's own service, as the `ballot.open`/`ballot.close` jobs would.
 */
export async function openBallotNow(ctx: TestContext, ballotId: string): Promise<void> {
  await ctx.dataSource.query(
    `UPDATE ballots SET opens_at = now() - interval '1 minute' WHERE id = $1`,
    [ballotId],
  );
  const outcome = await ctx.get(BallotSchedulerService).openIfDue(ballotId, new Date());
  if (outcome !== 'opened') throw new Error(`Ballot ${ballotId} did not open (${outcome})`);
}

export async function closeBallotNow(ctx: TestContext, ballotId: string): Promise<void> {
  await ctx.dataSource.query(
    `UPDATE ballots SET opens_at = now() - interval '2 minutes', closes_at = now() - interval '1 minute' WHERE id = $1`,
    [ballotId],
  );
  const outcome = await ctx.get(BallotSchedulerService).closeIfDue(ballotId, new Date());
  if (outcome !== 'closed') throw new Error(`Ballot ${ballotId} did not close (${outcome})`);
}

/** Times any ballot of the round accepts: after applications close, for two weeks. */
export function ballotTimes(round: GrantRound): { opensAt: Date; closesAt: Date } {
  const opensAt = new Date(round.closesAt.getTime() + DAY);
  return { opensAt, closesAt: new Date(opensAt.getTime() + 14 * DAY) };
}

/** Shortlists the first three applications of the area, schedules its ballot and opens it now. */
export async function createOpenBallot(
  ctx: TestContext,
  round: GrantRound,
  areaName: string,
  applications: Application[],
  postcodeAreas: string,
): Promise<Ballot> {
  const area = round.areas.find((a) => a.name === areaName)!;
  await ctx.get(ShortlistService).setShortlist(
    round.id,
    area.id,
    applications.slice(0, 3).map((a) => ({
      applicationId: a.id,
      publicTitle: `${a.projectTitle} (public)`,
      publicSummary: 'Lighting and activities where young people gather in the evening.',
      amountPence: a.amountRequestedPence!,
    })),
    SYSTEM_ACTOR,
  );
  const ballots = ctx.get(BallotsService);
  const draft = await ballots.saveSettings(
    round.id,
    area.id,
    { ...ballotTimes(round), postcodeAreas, postcodeFlagThreshold: 10 },
    SYSTEM_ACTOR,
  );
  await ballots.schedule(draft.id, SYSTEM_ACTOR);
  await openBallotNow(ctx, draft.id);
  return ballots.get(draft.id);
}
