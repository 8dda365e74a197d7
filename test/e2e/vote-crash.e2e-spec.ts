import { Application } from '@grants/applications';
import { Ballot, hashReceipt, TallyService } from '@grants/ballots';
import { hashToken } from '@grants/core';
import { jest } from '@jest/globals';
import { Agent } from 'node:http';
import { createOpenBallot } from '../factories/open-ballot.factory';
import { createVoteRound } from '../factories/vote-round.factory';
import { ServerProcess, startServer, waitUntil } from '../support/server-process';
import { createTestContext, TestContext } from '../support/test-context';
import { postVote, seedVerifiedVoters, voteAttempts } from '../support/vote-burst';

jest.setTimeout(120_000);

const VOTERS = 200;
const TRIES_EACH = 2;
/** The server is killed as soon as this many answers are back: some, not all, of the burst. */
const KILL_AFTER = 50;

interface StoredVote {
  sessionHash: string;
  receiptHash: string;
  applicationId: string;
  hasReceiptEmail: boolean;
}

/**
 * The fault test: the server process is killed (SIGKILL, no shutdown) in the middle of
 * a burst of 400 vote requests from 200 verified voters. A vote is one statement committed
 * before the 201 goes out, so every receipt a voter was given must be in the votes table with
 * its receipt email; an already_voted answer means the voter's vote is in; a request that lost
 * its connection may have landed or not. No voter ends up with two votes, and on a fresh server
 * every voter can finish: one vote each, never a 5xx.
 */
describe('vote burst with the server killed (built server, real PostgreSQL)', () => {
  let ctx: TestContext;
  let first: ServerProcess | undefined;
  let second: ServerProcess | undefined;
  let ballot: Ballot;
  let shortlist: Application[];

  // Every request comes from 127.0.0.1: the per-address limits must not be what answers.
  const serverEnv = { VOTES_PER_MINUTE_PER_IP: '100000', RATE_LIMIT_PER_MINUTE: '100000' };

  /** The ballot's votes by the voter's session hash, each with whether its receipt was queued. */
  async function storedVotes(): Promise<{ byVoter: Map<string, StoredVote[]>; total: number }> {
    const rows: StoredVote[] = await ctx.dataSource.query(
      `SELECT bv.session_hash AS "sessionHash", v.receipt_hash AS "receiptHash",
              v.application_id AS "applicationId",
              EXISTS (SELECT 1 FROM outbound_emails e
                       WHERE e.dedupe_key = 'vote-receipt:' || v.receipt_hash
                         AND e.template = 'ballots/vote-receipt') AS "hasReceiptEmail"
         FROM votes v JOIN ballot_voters bv ON bv.id = v.voter_id
        WHERE v.ballot_id = $1`,
      [ballot.id],
    );
    const byVoter = new Map<string, StoredVote[]>();
    for (const row of rows)
      byVoter.set(row.sessionHash, [...(byVoter.get(row.sessionHash) ?? []), row]);
    return { byVoter, total: rows.length };
  }

  beforeAll(async () => {
    ctx = await createTestContext();
    const { round, byArea } = await createVoteRound(ctx, 3);
    ballot = await createOpenBallot(ctx, round, 'Winterton', byArea['Winterton'], 'DN15 9');
    shortlist = byArea['Winterton'];
  }, 240_000);

  afterAll(async () => {
    await first?.kill();
    await second?.stop();
    await ctx?.close();
  });

  it('keeps every vote that got a 201 when the server is killed mid-burst, and lets the rest vote after', async () => {
    const tokens = await seedVerifiedVoters(ctx, ballot.id, VOTERS, 'crash');
    const attempts = voteAttempts(tokens, shortlist, TRIES_EACH);

    first = await startServer({ env: serverEnv });
    const server = first;
    const votesUrl = `${server.baseUrl}/api/v1/ballots/${ballot.id}/votes`;
    // One socket per request: the whole burst is on the wire at once, none queue in the client.
    const burstAgent = new Agent({ keepAlive: true, maxSockets: attempts.length });
    let answered = 0;
    let killed: Promise<void> | undefined;
    const outcomes = await Promise.all(
      attempts.map((a) =>
        postVote(burstAgent, votesUrl, a.token, a.applicationId, () => {
          answered += 1;
          // SIGKILL is sent synchronously here: no graceful close, no draining of the rest.
          if (answered === KILL_AFTER) killed = server.kill();
        }),
      ),
    );
    burstAgent.destroy();
    expect(killed).toBeDefined();
    await killed;
    expect(server.child.signalCode).toBe('SIGKILL');

    // A statement PostgreSQL had already received still commits after its client died (that is
    // a vote the voter never heard about): wait for those backends to finish before looking.
    await waitUntil(async () => {
      const [{ busy }] = await ctx.dataSource.query(
        `SELECT count(*)::int AS busy FROM pg_stat_activity
          WHERE datname = current_database() AND pid <> pg_backend_pid()
            AND backend_type = 'client backend' AND state <> 'idle'`,
      );
      return busy === 0;
    }, 15_000);

    const answers = outcomes.filter((o) => o.kind === 'answer');
    const lost = outcomes.filter((o) => o.kind === 'lost');
    // The crash really was mid-burst: some answers came back, and some requests never got one.
    expect(answers.length).toBeGreaterThanOrEqual(KILL_AFTER);
    expect(lost.length).toBeGreaterThan(0);
    // Before the kill the server answered only 201 or already_voted: no 5xx, nothing else.
    const byStatus = answers.reduce<Record<number, number>>(
      (acc, a) => ({ ...acc, [a.status]: (acc[a.status] ?? 0) + 1 }),
      {},
    );
    expect(Object.keys(byStatus).every((s) => s === '201' || s === '409')).toBe(true);

    const { byVoter, total } = await storedVotes();
    // No voter has two votes, and every vote kept its receipt email (same statement).
    expect(total).toBe(byVoter.size);
    expect([...byVoter.values()].every((v) => v.length === 1)).toBe(true);
    expect([...byVoter.values()].every(([v]) => v.hasReceiptEmail)).toBe(true);

    const receiptsByVoter = new Map<string, number>();
    outcomes.forEach((o, i) => {
      if (o.kind !== 'answer') return;
      const { token, applicationId } = attempts[i];
      const stored = byVoter.get(hashToken(token));
      if (o.status === 201) {
        // Every receipt given out is a vote in the table: this voter's, for the project chosen.
        expect(o.body?.receiptCode).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
        expect(stored).toEqual([
          expect.objectContaining({
            receiptHash: hashReceipt(o.body!.receiptCode!),
            applicationId,
          }),
        ]);
        receiptsByVoter.set(token, (receiptsByVoter.get(token) ?? 0) + 1);
      } else {
        // already_voted is only said when the voter's vote is in.
        expect(o.body?.code).toBe('already_voted');
        expect(stored).toHaveLength(1);
      }
    });
    expect([...receiptsByVoter.values()].every((n) => n === 1)).toBe(true);
    // Votes nobody heard about are allowed (committed as the process died), but only from voters
    // with a request that lost its connection.
    const lostVoters = new Set(
      attempts.filter((_, i) => outcomes[i].kind === 'lost').map((a) => a.token),
    );
    for (const token of tokens) {
      if (byVoter.has(hashToken(token)) && !receiptsByVoter.has(token))
        expect(lostVoters.has(token)).toBe(true);
    }

    // A fresh server on the same database: every voter tries once more. Those whose vote is in
    // are told already_voted; everyone else (all of them had a request lost) gets their vote.
    second = await startServer({ env: serverEnv });
    const retryUrl = `${second.baseUrl}/api/v1/ballots/${ballot.id}/votes`;
    const retryAgent = new Agent({ keepAlive: true, maxSockets: VOTERS });
    const retries = await Promise.all(
      tokens.map((token, i) =>
        postVote(retryAgent, retryUrl, token, shortlist[i % shortlist.length].id),
      ),
    );
    retryAgent.destroy();
    const unvoted = tokens.filter((t) => !byVoter.has(hashToken(t)));
    expect(unvoted.every((t) => lostVoters.has(t))).toBe(true);
    retries.forEach((r, i) => {
      expect(r.kind).toBe('answer');
      if (r.kind !== 'answer') return;
      expect(r.status).toBeLessThan(500);
      if (byVoter.has(hashToken(tokens[i]))) {
        expect(r.status).toBe(409);
        expect(r.body?.code).toBe('already_voted');
      } else {
        expect(r.status).toBe(201);
      }
    });

    const after = await storedVotes();
    expect(after.total).toBe(VOTERS);
    expect(after.byVoter.size).toBe(VOTERS);
    expect([...after.byVoter.values()].every(([v]) => v.hasReceiptEmail)).toBe(true);
    const count = await ctx.get(TallyService).count(ballot.id);
    expect(count.totalVotes).toBe(VOTERS);
    expect(count.projects.reduce((sum, p) => sum + p.votes, 0)).toBe(VOTERS);
  });
});
