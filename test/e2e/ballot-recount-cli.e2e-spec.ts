import { VoteReviewService } from '@grants/ballots';
import { SYSTEM_ACTOR } from '@grants/core';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { castVote } from '../factories/ballot-votes.factory';
import { createOpenBallot } from '../factories/open-ballot.factory';
import { createVoteRound } from '../factories/vote-round.factory';
import { testEnv } from '../support/server-process';
import { createTestContext, TestContext } from '../support/test-context';

const run = promisify(execFile);
const CLI = join(process.cwd(), 'dist/apps/server/src/cli.js');

/** `npm run cli -- ballot:recount <ballotId>`: the count from the stored rows, without Redis. */
describe('ballot:recount on the command line (built)', () => {
  let ctx: TestContext;
  // Nothing listens on port 1: a recount needs only the database.
  const env = () => ({
    PATH: process.env.PATH ?? '',
    ...testEnv({ REDIS_URL: 'redis://127.0.0.1:1' }),
  });
  const cli = (...args: string[]) =>
    run(process.execPath, [CLI, ...args], { env: env(), cwd: process.cwd() }).catch(
      (error: { code: number; stdout: string; stderr: string }) => error,
    );

  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(() => ctx?.close());

  it('prints each project’s votes and voided, the total and the voided count', async () => {
    const { round, byArea } = await createVoteRound(ctx, 3);
    const apps = byArea['Winterton'];
    const ballot = await createOpenBallot(ctx, round, 'Winterton', apps, 'DN15 9');
    for (const [i, app] of [apps[1], apps[1], apps[0]].entries())
      await castVote(ctx, ballot.id, { email: `r${i}@example.org`, postcode: 'DN15 9AB' }, app.id);
    const [{ id: voided }]: { id: string }[] = await ctx.dataSource.query(
      `SELECT id FROM votes WHERE ballot_id = $1 AND application_id = $2 LIMIT 1`,
      [ballot.id, apps[1].id],
    );
    await ctx.get(VoteReviewService).void(voided, 'Duplicate household', SYSTEM_ACTOR);

    const out = await cli('ballot:recount', ballot.id);
    expect(out).not.toHaveProperty('code');
    const lines = out.stdout.trim().split('\n');
    expect(lines[0]).toBe(`Ballot ${ballot.id}: Community Response Fund pilot, Winterton (open)`);
    expect(lines.slice(1, 5).map((l) => l.split(/\s{2,}/))).toEqual([
      ['PROJECT', 'AMOUNT', 'VOTES', 'VOIDED'],
      ['Winterton project 1 (public)', '£9,500.00', '1', '0'],
      ['Winterton project 2 (public)', '£9,000.00', '1', '1'],
      ['Winterton project 3 (public)', '£8,500.00', '0', '0'],
    ]);
    expect(lines.slice(5)).toEqual([
      'Total votes counted: 2',
      'Voided votes (not counted): 1',
      'Tie for the most votes: 2 projects',
    ]);
  });

  it('exits 1 with one clear line for an unknown or malformed ballot id', async () => {
    for (const id of [randomUUID(), 'not-a-ballot']) {
      const failed = await cli('ballot:recount', id);
      expect(failed).toMatchObject({ code: 1 });
      expect((failed as { stderr: string }).stderr.trim()).toBe('Ballot was not found');
    }
    const missing = await cli('ballot:recount');
    expect(missing).toMatchObject({ code: 1 });
    expect((missing as { stderr: string }).stderr).toContain('Give the ballot to recount');
  });
});
