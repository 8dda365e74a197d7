import { Application } from '@grants/applications';
import {
  Ballot,
  BallotSchedulerService,
  BallotsService,
  ShortlistService,
  TallyService,
  VoterVerificationService,
  VoteReviewService,
  VotingService,
} from '@grants/ballots';
import { VoteDecisionService } from '@grants/awards';
import { AppConfig, Clock, OutboundEmail, SYSTEM_ACTOR } from '@grants/core';
import { GrantRound, RoundBudgetService } from '@grants/funds';
import { createVoteRound } from '../factories/vote-round.factory';
import { createTestContext, TestContext } from '../support/test-context';

const HOUR = 3600_000;

/**
 * The Community Response Fund pilot's vote at service level: shortlists of three in Winterton
 * and Bridlington South, ballots opened and closed by their timers, residents proving their
 * email with a postcode in the area, one vote each whatever they try, and the count.
 */
describe('public vote (service level, real database)', () => {
  let ctx: TestContext;
  let clock: Clock;
  let round: GrantRound;
  let byArea: Record<string, Application[]>;
  let winterton: Ballot;
  let bridlington: Ballot;
  const meta = { ip: '203.0.113.7', userAgent: 'jest' };

  /** Asks for a code and returns it as the email carried it. */
  async function codeFor(ballot: Ballot, email: string, postcode: string) {
    const verification = ctx.get(VoterVerificationService);
    const { verificationId } = await verification.requestCode(ballot.id, email, postcode);
    const mail = await ctx.dataSource
      .getRepository(OutboundEmail)
      .findOneByOrFail({ dedupeKey: `voting-code:${verificationId}` });
    return { verificationId, code: String((mail.data as { code: string }).code) };
  }

  async function verifiedVoter(ballot: Ballot, email: string, postcode: string) {
    const { verificationId, code } = await codeFor(ballot, email, postcode);
    return (await ctx.get(VoterVerificationService).verifyCode(verificationId, code)).token;
  }

  beforeAll(async () => {
    ctx = await createTestContext();
    clock = ctx.get(Clock);
    ({ round, byArea } = await createVoteRound(ctx, 4));
  }, 120_000);
  afterAll(async () => {
    clock?.freeze(null);
    await ctx?.close();
  });

  it('shortlists up to three eligible projects per area, with what the public reads', async () => {
    const shortlists = ctx.get(ShortlistService);
    const area = (name: string) => round.areas.find((a) => a.name === name)!;
    const entry = (a: Application, amountPence = a.amountRequestedPence!) => ({
      applicationId: a.id,
      publicTitle: `${a.projectTitle} (public)`,
      publicSummary: 'Lighting and activities where young people gather in the evening.',
      amountPence,
    });
    const w = byArea['Winterton'];
    await expect(
      shortlists.setShortlist(
        round.id,
        area('Winterton').id,
        w.map((a) => entry(a)),
        SYSTEM_ACTOR,
      ),
    ).rejects.toMatchObject({
      errors: [
        { field: 'entries', message: 'Winterton can have at most 3 projects on its shortlist' },
      ],
    });
    await expect(
      shortlists.setShortlist(
        round.id,
        area('Winterton').id,
        [entry(byArea['Bridlington South'][0]), entry(w[0], 1_000_001)],
        SYSTEM_ACTOR,
      ),
    ).rejects.toMatchObject({
      errors: [
        { field: 'entries.0.applicationId', message: expect.stringContaining('another area') },
        { field: 'entries.1.amountPence', message: expect.stringContaining('at most £9,500.00') },
      ],
    });
    await shortlists.setShortlist(
      round.id,
      area('Winterton').id,
      w.slice(0, 3).map((a) => entry(a)),
      SYSTEM_ACTOR,
    );
    await shortlists.setShortlist(
      round.id,
      area('Bridlington South').id,
      byArea['Bridlington South'].slice(0, 3).map((a) => entry(a)),
      SYSTEM_ACTOR,
    );
  });

  it('schedules each ballot, telling every eligible applicant once whether they are on it', async () => {
    const ballots = ctx.get(BallotsService);
    const opensAt = new Date(round.closesAt.getTime() + 7 * 24 * HOUR);
    const closesAt = new Date(opensAt.getTime() + 14 * 24 * HOUR);
    const area = (name: string) => round.areas.find((a) => a.name === name)!.id;
    await expect(
      ballots.saveSettings(
        round.id,
        area('Winterton'),
        {
          opensAt: closesAt,
          closesAt: opensAt,
          postcodeAreas: 'Winterton',
          postcodeFlagThreshold: 0,
        },
        SYSTEM_ACTOR,
      ),
    ).rejects.toMatchObject({
      errors: [
        { field: 'closesAt' },
        { field: 'postcodeAreas' },
        { field: 'postcodeFlagThreshold' },
      ],
    });
    winterton = await ballots.saveSettings(
      round.id,
      area('Winterton'),
      { opensAt, closesAt, postcodeAreas: 'dn15 9', postcodeFlagThreshold: 10 },
      SYSTEM_ACTOR,
    );
    bridlington = await ballots.saveSettings(
      round.id,
      area('Bridlington South'),
      { opensAt, closesAt, postcodeAreas: 'YO15, YO16', postcodeFlagThreshold: 2 },
      SYSTEM_ACTOR,
    );
    expect(winterton.postcodeAreas).toEqual(['DN15 9']);
    await ballots.schedule(winterton.id, SYSTEM_ACTOR);
    await ballots.schedule(bridlington.id, SYSTEM_ACTOR);
    await expect(ballots.schedule(winterton.id, SYSTEM_ACTOR)).rejects.toMatchObject({
      code: 'invalid_transition',
    });
    const statuses = await ctx.dataSource.query(
      `SELECT status, count(*)::int AS n FROM applications WHERE round_id = $1 GROUP BY status ORDER BY status`,
      [round.id],
    );
    expect(statuses).toEqual([
      { status: 'not-shortlisted', n: 2 },
      { status: 'shortlisted', n: 6 },
    ]);
    const notices: { kind: string; n: number }[] = await ctx.dataSource.query(
      `SELECT m.kind, count(*)::int AS n FROM application_messages m
         JOIN applications a ON a.id = m.application_id
        WHERE a.round_id = $1 AND m.kind IN ('shortlisted', 'not-shortlisted')
        GROUP BY m.kind ORDER BY m.kind`,
      [round.id],
    );
    expect(notices).toEqual([
      { kind: 'not-shortlisted', n: 2 },
      { kind: 'shortlisted', n: 6 },
    ]);
  });

  it('opens on time, once, and refuses votes before', async () => {
    const scheduler = ctx.get(BallotSchedulerService);
    clock.freeze(new Date(winterton.opensAt.getTime() - 1000));
    await expect(codeFor(winterton, 'early@example.org', 'DN15 9AB')).rejects.toMatchObject({
      code: 'ballot_not_open',
    });
    expect(await scheduler.openIfDue(winterton.id)).toBe('unchanged');
    clock.freeze(new Date(winterton.opensAt.getTime() + HOUR));
    expect(await scheduler.openIfDue(winterton.id)).toBe('opened');
    expect(await scheduler.openIfDue(winterton.id)).toBe('unchanged');
    expect(await scheduler.sweep()).toEqual({ opened: 1, closed: 0 });
  });

  it('verifies residents: a postcode in the area, a real mailbox, a code that works once', async () => {
    const verification = ctx.get(VoterVerificationService);
    await expect(
      verification.requestCode(winterton.id, 'resident@example.org', 'DN15 8AB'),
    ).rejects.toMatchObject({
      errors: [
        { field: 'postcode', message: expect.stringContaining('not in the Winterton voting area') },
      ],
    });
    await expect(
      verification.requestCode(winterton.id, 'someone@mailinator.com', 'not a postcode'),
    ).rejects.toMatchObject({
      errors: [
        { field: 'email', message: expect.stringContaining('disposable') },
        { field: 'postcode', message: 'Enter a full UK postcode, like DN15 9AB' },
      ],
    });
    // The refusal is a setting: an office can allow such addresses.
    const config = ctx.get(AppConfig);
    config.REFUSE_DISPOSABLE_EMAILS = false;
    try {
      await verification.requestCode(winterton.id, 'someone@mailinator.com', 'DN15 9AB');
    } finally {
      config.REFUSE_DISPOSABLE_EMAILS = true;
    }
    const { verificationId, code } = await codeFor(winterton, ' Resident@Example.org ', 'dn15 9ab');
    const wrong = code === '000000' ? '111111' : '000000';
    for (let left = 4; left >= 0; left -= 1)
      await expect(verification.verifyCode(verificationId, wrong)).rejects.toMatchObject({
        code: 'voter_code_wrong',
      });
    await expect(verification.verifyCode(verificationId, code)).rejects.toMatchObject({
      code: 'voter_code_locked',
    });
    const again = await codeFor(winterton, 'resident@example.org', 'DN15 9AB');
    const { token } = await verification.verifyCode(again.verificationId, again.code);
    await expect(verification.verifyCode(again.verificationId, again.code)).rejects.toMatchObject({
      code: 'voter_code_used',
    });
    clock.freeze(new Date(clock.now().getTime() + 11 * 60_000));
    const late = await codeFor(winterton, 'late@example.org', 'DN15 9AB');
    clock.freeze(new Date(clock.now().getTime() + 10 * 60_000));
    await expect(verification.verifyCode(late.verificationId, late.code)).rejects.toMatchObject({
      code: 'voter_code_expired',
    });
    expect(token.startsWith('vt.')).toBe(true);
  });

  it('takes one vote per resident: a second vote, another case of the email, a rival project all refused', async () => {
    const voting = ctx.get(VotingService);
    const token = await verifiedVoter(winterton, 'voter1@example.org', 'DN15 9AB');
    const ballot = await voting.ballotFor(token);
    expect(ballot.entries).toHaveLength(3);
    await expect(
      voting.cast(token, [byArea['Bridlington South'][0].id], meta),
    ).rejects.toMatchObject({ errors: [{ field: 'choice' }] });
    await expect(voting.cast(token, [], meta)).rejects.toMatchObject({
      errors: [{ field: 'choice' }],
    });
    const cast = await voting.cast(token, [byArea['Winterton'][0].id], meta);
    expect(cast.receiptCode).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    await expect(voting.cast(token, [byArea['Winterton'][1].id], meta)).rejects.toMatchObject({
      code: 'already_voted',
    });
    const sameVoter = await verifiedVoter(winterton, 'VOTER1@example.org ', 'DN15 9AB');
    await expect(voting.cast(sameVoter, [byArea['Winterton'][1].id], meta)).rejects.toMatchObject({
      code: 'already_voted',
    });
    expect((await voting.ballotFor(sameVoter)).hasVoted).toBe(true);
    expect(
      await ctx.dataSource
        .getRepository(OutboundEmail)
        .countBy({ template: 'ballots/vote-receipt' }),
    ).toBe(1);
  });

  it('counts exactly one vote per voter when each votes five times at once', async () => {
    const voting = ctx.get(VotingService);
    const tokens: string[] = [];
    for (let i = 0; i < 40; i += 1)
      tokens.push(
        await verifiedVoter(winterton, `crowd${i}@example.org`, `DN15 9${'ABD'[i % 3]}X`),
      );
    const choice = (i: number) => byArea['Winterton'][i % 3].id;
    const results = await Promise.allSettled(
      tokens.flatMap((token, i) =>
        Array.from({ length: 5 }, () => voting.cast(token, [choice(i)], meta)),
      ),
    );
    const ok = results.filter((r) => r.status === 'fulfilled').length;
    const refused = results.filter(
      (r) => r.status === 'rejected' && (r.reason as { code?: string }).code === 'already_voted',
    ).length;
    expect([ok, refused]).toEqual([40, 160]);
    const count = await ctx.get(TallyService).count(winterton.id);
    expect(count.totalVotes).toBe(41);
  });

  it('flags votes over the postcode threshold for review without dropping them', async () => {
    const scheduler = ctx.get(BallotSchedulerService);
    await scheduler.openIfDue(bridlington.id);
    const voting = ctx.get(VotingService);
    // A Winterton session is no session on Bridlington South's ballot.
    const crossing = await verifiedVoter(winterton, 'crossing@example.org', 'DN15 9AB');
    await expect(
      voting.cast(crossing, [byArea['Bridlington South'][0].id], meta, bridlington.id),
    ).rejects.toMatchObject({ code: 'voter_session_invalid' });
    for (let i = 0; i < 4; i += 1) {
      const token = await verifiedVoter(bridlington, `household${i}@example.org`, 'YO15 2AB');
      await voting.cast(token, [byArea['Bridlington South'][i % 2].id], meta);
    }
    const flags = await ctx.dataSource.query(
      `SELECT flagged FROM votes WHERE ballot_id = $1 ORDER BY cast_at, id`,
      [bridlington.id],
    );
    expect(flags.filter((f: { flagged: boolean }) => f.flagged)).toHaveLength(2);
    expect((await ctx.get(TallyService).count(bridlington.id)).totalVotes).toBe(4);
  });

  it('closes on time, refuses late votes, and publishes the count; a tie waits for the decision maker', async () => {
    const scheduler = ctx.get(BallotSchedulerService);
    const tally = ctx.get(TallyService);
    clock.freeze(new Date(winterton.closesAt.getTime() - 5 * 60_000));
    const lateVoter = await verifiedVoter(winterton, 'last-minute@example.org', 'DN15 9AB');
    // Closing time to the second: a session still live cannot vote after it.
    clock.freeze(winterton.closesAt);
    await expect(
      ctx.get(VotingService).cast(lateVoter, [byArea['Winterton'][0].id], meta),
    ).rejects.toMatchObject({ code: 'ballot_not_open' });
    await expect(tally.publish(winterton.id, null, SYSTEM_ACTOR)).rejects.toMatchObject({
      code: 'invalid_transition',
    });
    expect(await scheduler.sweep()).toEqual({ opened: 0, closed: 2 });

    // Staff void voter1's vote before publishing: it stays on record but leaves the count.
    const review = ctx.get(VoteReviewService);
    const [suspect] = await review.votes(winterton.id, 'DN15 9AB');
    await expect(review.void(suspect.id, ' ', SYSTEM_ACTOR)).rejects.toMatchObject({
      errors: [{ field: 'reason' }],
    });
    await review.void(suspect.id, 'Same person voted with a second address', SYSTEM_ACTOR);

    const published = await tally.publish(winterton.id, null, SYSTEM_ACTOR);
    // 41 votes cast: voter1 and 14 of the crowd for project 1 (one voided), 13 each for 2 and 3.
    expect(published.winnerApplicationId).toBe(byArea['Winterton'][0].id);
    const count = await tally.count(winterton.id);
    expect(count.projects.map((p) => p.votes)).toEqual([14, 13, 13]);
    expect([count.totalVotes, count.voidedVotes]).toEqual([40, 1]);
    await expect(review.void(suspect.id, 'Again', SYSTEM_ACTOR)).rejects.toMatchObject({
      errors: [{ field: 'voteId', message: expect.stringContaining('published') }],
    });

    // Anyone can recount the published result from the anonymised export.
    const csv = (await review.exportCsv(winterton.id)).trim().split('\n').slice(1);
    const recount = new Map<string, number>();
    for (const line of csv) {
      const cells = line.split(',');
      if (cells.at(-1) === 'no') recount.set(cells[2], (recount.get(cells[2]) ?? 0) + 1);
    }
    expect(csv).toHaveLength(41);
    expect(recount.get(byArea['Winterton'][0].reference!)).toBe(14);
    expect(csv.some((line) => line.includes('@') || line.includes('DN15'))).toBe(false);

    // Bridlington South: 2 votes each for two projects.
    await expect(tally.publish(bridlington.id, null, SYSTEM_ACTOR)).rejects.toMatchObject({
      errors: [
        {
          field: 'winnerApplicationId',
          message: expect.stringContaining('2 projects tied with 2 votes'),
        },
      ],
    });
    const chosen = byArea['Bridlington South'][1].id;
    await expect(
      tally.publish(bridlington.id, { winnerApplicationId: chosen, note: ' ' }, SYSTEM_ACTOR),
    ).rejects.toMatchObject({ errors: [{ field: 'note' }] });
    const decided = await tally.publish(
      bridlington.id,
      { winnerApplicationId: chosen, note: 'Chosen by the Commissioner: reaches more households' },
      SYSTEM_ACTOR,
    );
    expect([decided.status, decided.winnerApplicationId]).toEqual(['published', chosen]);
  });

  it('signs off the winners: awards within each area cap, the others told the result, one notice each', async () => {
    const votes = ctx.get(VoteDecisionService);
    const record = await votes.signOff(
      round.id,
      {
        title: 'Community Response Fund pilot: public vote winners',
        summary: 'Residents of Winterton and Bridlington South chose one project each.',
        declarations: 'None',
      },
      SYSTEM_ACTOR,
    );
    // Winterton's winner asked for £9,500.00; Bridlington South's chosen project £9,000.00.
    expect([record.awardsCount, record.declinedCount, record.totalAwardedPence]).toEqual([
      2, 4, 1_850_000,
    ]);
    await expect(
      votes.signOff(
        round.id,
        { title: 'Again', summary: 'Again', declarations: 'None' },
        SYSTEM_ACTOR,
      ),
    ).rejects.toMatchObject({
      code: 'decision_signed_off',
    });
    expect(await ctx.get(RoundBudgetService).summary(round.id)).toEqual({
      budgetPence: 2_000_000,
      committedPence: 1_850_000,
      availablePence: 150_000,
    });
    const statuses = await ctx.dataSource.query(
      `SELECT status, count(*)::int AS n FROM applications WHERE round_id = $1 GROUP BY status ORDER BY status`,
      [round.id],
    );
    expect(statuses).toEqual([
      { status: 'awarded', n: 2 },
      { status: 'not-shortlisted', n: 2 },
      { status: 'unsuccessful', n: 4 },
    ]);
    const notices = await ctx.dataSource.getRepository(OutboundEmail).find({
      where: [
        { template: 'applications/award-offered' },
        { template: 'applications/application-unsuccessful' },
      ],
    });
    expect(notices).toHaveLength(6);
    const winner = notices.find(
      (n) => (n.data as { reference: string }).reference === byArea['Winterton'][0].reference,
    )!;
    expect(String((winner.data as { body: string }).body)).toContain(
      'Residents of Winterton cast 40 votes; your project received 14.',
    );
  });
});
