import { Application } from '@grants/applications';
import { Ballot, TallyService } from '@grants/ballots';
import { jest } from '@jest/globals';
import { Agent } from 'node:http';
import { createOpenBallot } from '../factories/open-ballot.factory';
import { createVoteRound } from '../factories/vote-round.factory';
import { ServerProcess, startServer } from '../support/server-process';
import { createTestContext, TestContext } from '../support/test-context';
import { postVote, seedVerifiedVoters, voteAttempts } from '../support/vote-burst';

jest.setTimeout(180_000);

const VOTERS = 200;
const TRIES_EACH = 5;

/** One socket per request in flight: every request is on the wire at once, none queue here. */
const agent = new Agent({ keepAlive: true, maxSockets: VOTERS * TRIES_EACH });

/** A vote that must be answered: a lost connection fails the test. */
async function vote(
  url: string,
  token: string,
  applicationId: string,
): Promise<{ status: number; body: { code?: string; receiptCode?: string } }> {
  const outcome = await postVote(agent, url, token, applicationId);
  if (outcome.kind === 'lost') throw new Error(`A vote request was lost: ${outcome.error}`);
  return { status: outcome.status, body: outcome.body ?? {} };
}

/**
 * The integrity test: 200 verified residents of Winterton send 1,000 vote requests at
 * once (five each, for different projects) to the built server. The unique index on (ballot,
 * voter) is all that stands between them and a wrong count: exactly 200 are counted, each voter
 * gets one receipt and four already_voted answers, and nothing fails with a 5xx.
 */
describe('vote concurrency (built server, real PostgreSQL)', () => {
  let ctx: TestContext;
  let server: ServerProcess;
  let ballot: Ballot;
  let shortlist: Application[];
  let votesUrl: string;

  const votesFor = async (): Promise<{ n: number; voters: number }> =>
    (
      await ctx.dataSource.query(
        `SELECT count(*)::int AS n, count(DISTINCT voter_id)::int AS voters FROM votes WHERE ballot_id = $1`,
        [ballot.id],
      )
    )[0];

  beforeAll(async () => {
    ctx = await createTestContext();
    const { round, byArea } = await createVoteRound(ctx, 3);
    ballot = await createOpenBallot(ctx, round, 'Winterton', byArea['Winterton'], 'DN15 9');
    shortlist = byArea['Winterton'];
    // Every request comes from 127.0.0.1: the per-address limits must not be what answers.
    server = await startServer({
      env: { VOTES_PER_MINUTE_PER_IP: '100000', RATE_LIMIT_PER_MINUTE: '100000' },
    });
    votesUrl = `${server.baseUrl}/api/v1/ballots/${ballot.id}/votes`;
  }, 240_000);

  afterAll(async () => {
    agent.destroy();
    await server?.stop();
    await ctx?.close();
  });

  it('counts exactly 200 of 1,000 concurrent vote requests from 200 voters, with no 5xx', async () => {
    const tokens = await seedVerifiedVoters(ctx, ballot.id, VOTERS, 'crowd');
    const attempts = voteAttempts(tokens, shortlist, TRIES_EACH);
    const answers = await Promise.all(
      attempts.map((a) => vote(votesUrl, a.token, a.applicationId)),
    );

    const byStatus = answers.reduce<Record<number, number>>(
      (acc, a) => ({ ...acc, [a.status]: (acc[a.status] ?? 0) + 1 }),
      {},
    );
    expect(byStatus).toEqual({ 201: VOTERS, 409: VOTERS * (TRIES_EACH - 1) });
    expect(answers.filter((a) => a.status >= 500)).toHaveLength(0);
    expect(
      answers.filter((a) => a.status === 409).every((a) => a.body.code === 'already_voted'),
    ).toBe(true);
    // One receipt per voter: each voter's five answers hold exactly one 201.
    const receipts = new Map<string, number>();
    answers.forEach((a, i) => {
      if (a.status === 201)
        receipts.set(attempts[i].token, (receipts.get(attempts[i].token) ?? 0) + 1);
    });
    expect(receipts.size).toBe(VOTERS);
    expect([...receipts.values()].every((n) => n === 1)).toBe(true);

    expect(await votesFor()).toEqual({ n: VOTERS, voters: VOTERS });
    const count = await ctx.get(TallyService).count(ballot.id);
    expect(count.totalVotes).toBe(VOTERS);
    expect(count.projects.reduce((sum, p) => sum + p.votes, 0)).toBe(VOTERS);
    const [{ receiptsQueued }] = await ctx.dataSource.query(
      `SELECT count(*)::int AS "receiptsQueued" FROM outbound_emails WHERE template = 'ballots/vote-receipt'`,
    );
    expect(receiptsQueued).toBe(VOTERS);
  });

  it('takes one vote from the same voter voting in two tabs at once', async () => {
    const [token] = await seedVerifiedVoters(ctx, ballot.id, 1, 'two-tabs');
    const [first, second] = await Promise.all([
      vote(votesUrl, token, shortlist[0].id),
      vote(votesUrl, token, shortlist[1].id),
    ]);
    expect([first.status, second.status].sort()).toEqual([201, 409]);
    expect([first, second].find((a) => a.status === 409)!.body.code).toBe('already_voted');
    const [{ n }] = await ctx.dataSource.query(
      `SELECT count(*)::int AS n FROM votes v JOIN ballot_voters bv ON bv.id = v.voter_id
        WHERE bv.email LIKE 'resident-two-tabs-%'`,
    );
    expect(n).toBe(1);
    expect((await votesFor()).n).toBe(VOTERS + 1);
  });
});
