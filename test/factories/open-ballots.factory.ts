import { Application } from '@grants/applications';
import { Ballot } from '@grants/ballots';
import { GrantRound } from '@grants/funds';
import type { DataSource } from 'typeorm';
import type { TestContext } from '../support/test-context';
import { createOpenBallot } from './open-ballot.factory';
import { createVoteRound } from './vote-round.factory';

export interface OpenVote {
  round: GrantRound;
  byArea: Record<string, Application[]>;
  winterton: Ballot;
  bridlington: Ballot;
}

/**
 * The pilot round's two ballots open now, for residents voting over HTTP: three projects
 * shortlisted in each area ("Winterton project 1 (public)"…), Winterton for postcodes DN15 9
 * and Bridlington South for YO15 and YO16 (opened as createOpenBallot explains).
 */
export async function createOpenVote(ctx: TestContext): Promise<OpenVote> {
  const { round, byArea } = await createVoteRound(ctx, 4);
  return {
    round,
    byArea,
    winterton: await createOpenBallot(ctx, round, 'Winterton', byArea['Winterton'], 'DN15 9'),
    bridlington: await createOpenBallot(
      ctx,
      round,
      'Bridlington South',
      byArea['Bridlington South'],
      'YO15, YO16',
    ),
  };
}

/** The last voting code emailed to an address: what a resident reads from the email. */
export async function lastVotingCode(dataSource: DataSource, email: string): Promise<string> {
  const rows: { data: { code: string } }[] = await dataSource.query(
    `SELECT data FROM outbound_emails WHERE to_address = $1 AND template = 'ballots/voting-code'
      ORDER BY created_at DESC LIMIT 1`,
    [email.trim().toLowerCase()],
  );
  if (!rows[0]) throw new Error(`No voting code emailed to ${email}`);
  return String(rows[0].data.code);
}
