import { Application } from '@grants/applications';
import {
  Ballot,
  hashReceipt,
  newReceiptCode,
  TallyService,
  VoteRequest,
  VoteWriter,
  VotingService,
} from '@grants/ballots';
import { hashToken } from '@grants/core';
import { createOpenBallot } from '../factories/open-ballot.factory';
import { createVoteRound } from '../factories/vote-round.factory';
import { createTestContext, TestContext } from '../support/test-context';
import { seedVerifiedVoters } from '../support/vote-burst';

const POSTCODE = 'DN15 9AB';

/**
 * Votes written many to a statement (group commit under load): each vote in a batch is judged
 * on its own (a dead session, a voter who has voted, a failing item do not touch the others),
 * and the per-postcode flag counts the votes before it in the same statement as well as those
 * stored.
 */
describe('votes written together (real database)', () => {
  let ctx: TestContext;
  let ballot: Ballot;
  let shortlist: Application[];

  const request = (token: string, i: number): VoteRequest => {
    const receiptCode = newReceiptCode();
    return {
      sessionHash: hashToken(token),
      ballotId: ballot.id,
      applicationId: shortlist[i % 3].id,
      castAt: new Date(),
      receiptHash: hashReceipt(receiptCode),
      ipHash: 'ip-hash',
      userAgent: 'jest',
      flagThreshold: 10,
      receipt: { receiptCode, areaName: 'Winterton', roundTitle: 'CRF', projectTitle: `P${i}` },
    };
  };

  /** Voters of one full postcode, as households on one street. */
  const votersAt = async (count: number, tag: string): Promise<string[]> => {
    const tokens = await seedVerifiedVoters(ctx, ballot.id, count, tag);
    await ctx.dataSource.query(
      `UPDATE ballot_voters SET postcode = $1 WHERE email LIKE 'resident-' || $2 || '-%'`,
      [POSTCODE, tag],
    );
    return tokens;
  };

  beforeAll(async () => {
    ctx = await createTestContext();
    const { round, byArea } = await createVoteRound(ctx, 3);
    shortlist = byArea['Winterton'];
    ballot = await createOpenBallot(ctx, round, 'Winterton', shortlist, 'DN15 9');
  }, 120_000);
  afterAll(async () => {
    await ctx?.close();
  });

  it('judges each vote of one statement on its own and flags by the votes before it in the batch', async () => {
    const writer = ctx.get(VoteWriter);
    // Stored already at the postcode: two votes and a voided one, which does not count.
    const earlier = await votersAt(3, 'earlier');
    await writer.writeTogether(earlier.map(request));
    await ctx.dataSource.query(
      `UPDATE votes SET voided_at = now(), void_reason = 'test' WHERE receipt_hash = (
         SELECT receipt_hash FROM votes WHERE ballot_id = $1 ORDER BY cast_at LIMIT 1)`,
      [ballot.id],
    );
    const street = await votersAt(30, 'street');
    const [revoked] = await votersAt(1, 'revoked');
    await ctx.dataSource.query(
      `UPDATE ballot_voters SET revoked_at = now() WHERE email LIKE 'resident-revoked-%'`,
    );
    // A voter who has voted comes first: their try must not count towards the flag.
    const batch = [request(earlier[1], 0), request(revoked, 1), ...street.map(request)];

    const written = await writer.writeTogether(batch);

    expect(written[0]).toEqual({ voterFound: true, voted: false, emailId: null });
    expect(written[1]).toEqual({ voterFound: false, voted: false, emailId: null });
    expect(written.slice(2).every((w) => w.voterFound && w.voted && w.emailId)).toBe(true);
    // Two stored votes count: the street's 9th vote is the postcode's 11th (threshold 10).
    const stored: { receipt_hash: string; flagged: boolean }[] = await ctx.dataSource.query(
      `SELECT receipt_hash, flagged FROM votes WHERE receipt_hash = ANY ($1)`,
      [batch.slice(2).map((b) => b.receiptHash)],
    );
    const position = (hash: string) => batch.findIndex((b) => b.receiptHash === hash) - 2;
    expect(stored).toHaveLength(30);
    expect(
      stored
        .filter((s) => s.flagged)
        .map((s) => position(s.receipt_hash))
        .sort((a, b) => a - b),
    ).toEqual(Array.from({ length: 22 }, (_, i) => i + 8));
    // Each vote's own receipt, written with it.
    const receipts: { id: string; data: { projectTitle: string }; to_address: string }[] =
      await ctx.dataSource.query(
        `SELECT id, data, to_address FROM outbound_emails WHERE id = ANY ($1) ORDER BY id`,
        [written.slice(2).map((w) => w.emailId)],
      );
    expect(receipts).toHaveLength(30);
    written.slice(2).forEach((w, i) => {
      const receipt = receipts.find((r) => r.id === w.emailId)!;
      expect(receipt.data.projectTitle).toBe(`P${i}`);
      expect(receipt.to_address).toBe(`resident-street-${i + 1}@example.org`);
    });
  });

  it('keeps a burst exact when one vote in it fails: the others are written, that one is not', async () => {
    const voting = ctx.get(VotingService);
    const [first, ...tokens] = await seedVerifiedVoters(ctx, ballot.id, 41, 'burst');
    // The ballot is then in memory, so the burst's 40 votes reach the writer in one turn of the
    // event loop and share a statement, the failing one among them.
    await voting.cast(
      first,
      [shortlist[0].id],
      { ip: '203.0.113.9', userAgent: 'jest' },
      ballot.id,
    );
    const before = (await ctx.get(TallyService).count(ballot.id)).totalVotes;
    // PostgreSQL refuses a NUL character in JSON, so the statement carrying this vote fails as a
    // whole; the votes it was batched with must not fail with it.
    const answers = await Promise.allSettled(
      tokens.map((token, i) =>
        voting.cast(
          token,
          [shortlist[i % 3].id],
          { ip: '203.0.113.9', userAgent: i === 30 ? 'broken\u0000agent' : 'jest' },
          ballot.id,
        ),
      ),
    );
    expect(answers.map((a, i) => (i === 30 ? a.status === 'rejected' : a.status))).toEqual(
      tokens.map((_, i) => (i === 30 ? true : 'fulfilled')),
    );
    expect((await ctx.get(TallyService).count(ballot.id)).totalVotes).toBe(before + 39);
    const [{ n }] = await ctx.dataSource.query(
      `SELECT count(*)::int AS n FROM votes v JOIN ballot_voters bv ON bv.id = v.voter_id
        WHERE bv.email = 'resident-burst-32@example.org'`,
    );
    expect(n).toBe(0);
  });
});
