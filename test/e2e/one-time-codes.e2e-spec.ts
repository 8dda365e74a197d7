import {
  Ballot,
  BallotVoter,
  MAX_WRONG_VOTER_CODES,
  VOTER_CODE_TTL_MS,
  VoterVerification,
  VoterVerificationService,
} from '@grants/ballots';
import { Clock, OutboundEmail } from '@grants/core';
import {
  APPLICANT_SIGN_IN_TEMPLATE,
  ApplicantAuthService,
  ApplicantSession,
  EmailSignInRequest,
  MAX_WRONG_CODES,
  SIGN_IN_CODE_TTL_MS,
} from '@grants/identity';
import { randomBytes, randomInt } from 'node:crypto';
import { In } from 'typeorm';
import { createOpenVote } from '../factories/open-ballots.factory';
import { createTestContext, TestContext } from '../support/test-context';

/** Issue 7: 1,000 guesses, spread over as many codes as the lockout makes an attacker use. */
const GUESSES = 1_000;
const CODES = GUESSES / 5;
/** Requests handled at once: enough to keep the run short, within the database pool. */
const PARALLEL = 8;

/**
 * The two kinds of emailed 6-digit code, through the real services and database: voting codes
 * (one email and one ballot) and applicant sign-in codes (one email). 1,000 wrong guesses sign
 * nobody in, every code locks after 5 wrong tries (then even the right code fails), a code
 * works only for the request it was issued for, once, and not after 10 minutes. The per-email
 * send limits live in the HTTP layer; these services are called directly, with an address each
 * all the same, as an attacker spreading guesses over many addresses would.
 */
describe('one-time codes: guessing, binding, reuse and expiry (service level)', () => {
  let ctx: TestContext;
  let clock: Clock;
  let winterton: Ballot;
  let bridlington: Ballot;

  beforeAll(async () => {
    ctx = await createTestContext();
    clock = ctx.get(Clock);
    ({ winterton, bridlington } = await createOpenVote(ctx));
  }, 60_000);

  afterAll(async () => {
    clock?.freeze(null);
    await ctx?.close();
  });

  describe('voting codes', () => {
    const voters = () => ctx.get(VoterVerificationService);

    async function votingCode(ballot: Ballot, email: string, postcode: string) {
      const { verificationId } = await voters().requestCode(ballot.id, email, postcode);
      const mail = await ctx.dataSource
        .getRepository(OutboundEmail)
        .findOneByOrFail({ dedupeKey: `voting-code:${verificationId}` });
      return { verificationId, code: String((mail.data as { code: string }).code) };
    }

    it(`refuses all ${GUESSES} wrong guesses over ${CODES} codes, and a locked code even when right`, async () => {
      const outcomes = await inBatches(CODES, async (i) => {
        const email = uniqueEmail(`voter-guess-${i}`);
        const { verificationId, code } = await votingCode(winterton, email, 'DN15 9AB');
        const guesses: Outcome[] = [];
        for (const guess of wrongGuesses(code, MAX_WRONG_VOTER_CODES))
          guesses.push(await outcomeOf(voters().verifyCode(verificationId, guess)));
        const sixth = await outcomeOf(voters().verifyCode(verificationId, code));
        return { verificationId, email, guesses, sixth };
      });

      const guesses = outcomes.flatMap((o) => o.guesses);
      expect(guesses).toHaveLength(GUESSES);
      expect(guesses.filter((g) => g.ok)).toHaveLength(0);
      expect(countBy(guesses.map((g) => g.code))).toEqual({ voter_code_wrong: GUESSES });
      // Each code says how many tries are left, down to none.
      for (const o of outcomes) expect(o.guesses.map((g) => g.triesLeft)).toEqual([4, 3, 2, 1, 0]);
      expect(countBy(outcomes.map((o) => o.sixth.code))).toEqual({ voter_code_locked: CODES });

      const rows = await ctx.dataSource.getRepository(VoterVerification).findBy({
        id: In(outcomes.map((o) => o.verificationId)),
      });
      expect(rows).toHaveLength(CODES);
      expect(rows.every((r) => r.wrongAttempts === MAX_WRONG_VOTER_CODES && !r.usedAt)).toBe(true);
      expect(
        await ctx.dataSource
          .getRepository(BallotVoter)
          .countBy({ email: In(outcomes.map((o) => o.email)) }),
      ).toBe(0);
    }, 60_000);

    it('counts guesses sent at once: 20 together still get only 5 tries', async () => {
      const { verificationId, code } = await votingCode(
        winterton,
        uniqueEmail('burst'),
        'DN15 9AB',
      );
      const burst = await Promise.all(
        wrongGuesses(code, 20).map((g) => outcomeOf(voters().verifyCode(verificationId, g))),
      );
      expect(countBy(burst.map((b) => b.code))).toEqual({
        voter_code_wrong: MAX_WRONG_VOTER_CODES,
        voter_code_locked: 20 - MAX_WRONG_VOTER_CODES,
      });
      await expect(voters().verifyCode(verificationId, code)).rejects.toMatchObject({
        code: 'voter_code_locked',
      });
    });

    it('binds a code to the person it was sent to', async () => {
      const alice = uniqueEmail('alice');
      const bob = uniqueEmail('bob');
      const forAlice = await votingCode(winterton, alice, 'DN15 9AB');
      let forBob = await votingCode(winterton, bob, 'DN15 9AB');
      // One in a million: both drew the same digits, which would prove nothing.
      while (forBob.code === forAlice.code) forBob = await votingCode(winterton, bob, 'DN15 9AB');

      await expect(voters().verifyCode(forBob.verificationId, forAlice.code)).rejects.toMatchObject(
        { code: 'voter_code_wrong', triesLeft: 4 },
      );
      const asBob = await voters().verifyCode(forBob.verificationId, forBob.code);
      expect(asBob.voter).toMatchObject({ email: bob, ballotId: winterton.id });
      const asAlice = await voters().verifyCode(forAlice.verificationId, forAlice.code);
      expect(asAlice.voter).toMatchObject({ email: alice, ballotId: winterton.id });
    });

    it('binds a code to the ballot it was asked for', async () => {
      // One resident asks in both areas (say, a home and a workplace): the codes are not swappable.
      const email = uniqueEmail('two-areas');
      const inWinterton = await votingCode(winterton, email, 'DN15 9AB');
      let inBridlington = await votingCode(bridlington, email, 'YO15 2AB');
      while (inBridlington.code === inWinterton.code)
        inBridlington = await votingCode(bridlington, email, 'YO15 2AB');

      await expect(
        voters().verifyCode(inBridlington.verificationId, inWinterton.code),
      ).rejects.toMatchObject({ code: 'voter_code_wrong' });
      await expect(
        voters().verifyCode(inWinterton.verificationId, inBridlington.code),
      ).rejects.toMatchObject({ code: 'voter_code_wrong' });
      const there = await voters().verifyCode(inBridlington.verificationId, inBridlington.code);
      expect(there.voter.ballotId).toBe(bridlington.id);
      expect((await voters().session(there.token)).ballot.id).toBe(bridlington.id);
      const here = await voters().verifyCode(inWinterton.verificationId, inWinterton.code);
      expect(here.voter.ballotId).toBe(winterton.id);
      expect(here.voter.id).not.toBe(there.voter.id);
    });

    it('takes a code once', async () => {
      const { verificationId, code } = await votingCode(winterton, uniqueEmail('once'), 'DN15 9AB');
      const first = await voters().verifyCode(verificationId, code);
      await expect(voters().verifyCode(verificationId, code)).rejects.toMatchObject({
        code: 'voter_code_used',
      });
      // A used code is not a guessing target either: a wrong guess on it is not even counted.
      await expect(
        voters().verifyCode(verificationId, wrongGuesses(code, 1)[0]),
      ).rejects.toMatchObject({ code: 'voter_code_used' });
      const row = await ctx.dataSource
        .getRepository(VoterVerification)
        .findOneByOrFail({ id: verificationId });
      expect(row).toMatchObject({ wrongAttempts: 0, usedAt: expect.any(Date) });
      // The one session it started is still the only one.
      expect((await voters().liveVoter(first.token)).id).toBe(first.voter.id);
    });

    it('refuses a code 10 minutes after it was sent, to the second', async () => {
      const sentAt = new Date(Math.floor(Date.now() / 1000) * 1000);
      clock.freeze(sentAt);
      try {
        const early = await votingCode(winterton, uniqueEmail('in-time'), 'DN15 9AB');
        const late = await votingCode(winterton, uniqueEmail('too-late'), 'DN15 9AB');
        clock.freeze(new Date(sentAt.getTime() + VOTER_CODE_TTL_MS - 1000));
        await expect(voters().verifyCode(early.verificationId, early.code)).resolves.toMatchObject({
          voter: { ballotId: winterton.id },
        });
        clock.freeze(new Date(sentAt.getTime() + VOTER_CODE_TTL_MS));
        await expect(voters().verifyCode(late.verificationId, late.code)).rejects.toMatchObject({
          code: 'voter_code_expired',
        });
        // Still expired when the clock runs on, and a guess on it is not counted.
        clock.freeze(new Date(sentAt.getTime() + 2 * VOTER_CODE_TTL_MS));
        await expect(
          voters().verifyCode(late.verificationId, wrongGuesses(late.code, 1)[0]),
        ).rejects.toMatchObject({ code: 'voter_code_expired' });
        const row = await ctx.dataSource
          .getRepository(VoterVerification)
          .findOneByOrFail({ id: late.verificationId });
        expect(row).toMatchObject({ wrongAttempts: 0, usedAt: null });
      } finally {
        clock.freeze(null);
      }
    });
  });

  describe('applicant sign-in codes', () => {
    const auth = () => ctx.get(ApplicantAuthService);

    /** The code from the email sent for this request (its sign-in link carries the request id). */
    async function signInCode(email: string) {
      const { requestId } = await auth().requestCode(email);
      const rows: { data: { code: string } }[] = await ctx.dataSource.query(
        `SELECT data FROM outbound_emails
          WHERE template = $1 AND to_address = $2 AND data->>'linkUrl' LIKE $3`,
        [APPLICANT_SIGN_IN_TEMPLATE, email, `%token=${requestId}.%`],
      );
      expect(rows).toHaveLength(1);
      return { requestId, code: String(rows[0].data.code) };
    }

    it(`refuses all ${GUESSES} wrong guesses over ${CODES} codes, and a locked code even when right`, async () => {
      const outcomes = await inBatches(CODES, async (i) => {
        const email = uniqueEmail(`applicant-guess-${i}`);
        const { requestId, code } = await signInCode(email);
        const guesses: Outcome[] = [];
        for (const guess of wrongGuesses(code, MAX_WRONG_CODES))
          guesses.push(await outcomeOf(auth().verifyCode(requestId, guess, 'bearer')));
        const sixth = await outcomeOf(auth().verifyCode(requestId, code, 'bearer'));
        return { requestId, email, guesses, sixth };
      });

      const guesses = outcomes.flatMap((o) => o.guesses);
      expect(guesses).toHaveLength(GUESSES);
      expect(guesses.filter((g) => g.ok)).toHaveLength(0);
      expect(countBy(guesses.map((g) => g.code))).toEqual({ sign_in_code_invalid: GUESSES });
      for (const o of outcomes) expect(o.guesses[4].message).toContain('last try');
      expect(countBy(outcomes.map((o) => o.sixth.code))).toEqual({ sign_in_code_locked: CODES });

      const rows = await ctx.dataSource.getRepository(EmailSignInRequest).findBy({
        id: In(outcomes.map((o) => o.requestId)),
      });
      expect(rows).toHaveLength(CODES);
      expect(rows.every((r) => r.failedAttempts === MAX_WRONG_CODES && !r.usedAt)).toBe(true);
      const emails = outcomes.map((o) => o.email);
      const [{ n: accounts }] = await ctx.dataSource.query(
        `SELECT count(*)::int AS n FROM applicants WHERE email = ANY($1)`,
        [emails],
      );
      expect(accounts).toBe(0);
      // The audit trail shows the lockouts, one per code.
      const [{ n: locks }] = await ctx.dataSource.query(
        `SELECT count(*)::int AS n FROM audit_events
          WHERE action = 'applicant.code-locked' AND subject_id = ANY($1)`,
        [outcomes.map((o) => o.requestId)],
      );
      expect(locks).toBe(CODES);
    }, 60_000);

    it('counts guesses sent at once: 20 together still get only 5 tries', async () => {
      const { requestId, code } = await signInCode(uniqueEmail('burst'));
      const burst = await Promise.all(
        wrongGuesses(code, 20).map((g) => outcomeOf(auth().verifyCode(requestId, g, 'bearer'))),
      );
      expect(countBy(burst.map((b) => b.code))).toEqual({
        sign_in_code_invalid: MAX_WRONG_CODES,
        sign_in_code_locked: 20 - MAX_WRONG_CODES,
      });
      await expect(auth().verifyCode(requestId, code, 'bearer')).rejects.toMatchObject({
        code: 'sign_in_code_locked',
      });
    });

    it('binds a code to the email address it was sent to', async () => {
      const alice = uniqueEmail('alice');
      const mallory = uniqueEmail('mallory');
      // Mallory asks for a code in Alice's name and tries her own code on Alice's request.
      const forAlice = await signInCode(alice);
      let forMallory = await signInCode(mallory);
      while (forMallory.code === forAlice.code) forMallory = await signInCode(mallory);

      await expect(
        auth().verifyCode(forAlice.requestId, forMallory.code, 'bearer'),
      ).rejects.toMatchObject({ code: 'sign_in_code_invalid' });
      await expect(
        auth().verifyCode(forMallory.requestId, forAlice.code, 'bearer'),
      ).rejects.toMatchObject({ code: 'sign_in_code_invalid' });
      const asMallory = await auth().verifyCode(forMallory.requestId, forMallory.code, 'bearer');
      expect(asMallory.applicant.email).toBe(mallory);
      const asAlice = await auth().verifyCode(forAlice.requestId, forAlice.code, 'cookie');
      expect(asAlice.applicant.email).toBe(alice);
      expect(asAlice.applicant.id).not.toBe(asMallory.applicant.id);
    });

    it('binds a code to its request: an earlier code for the same address does not open a later one', async () => {
      const email = uniqueEmail('two-requests');
      const first = await signInCode(email);
      let second = await signInCode(email);
      while (second.code === first.code) second = await signInCode(email);
      await expect(auth().verifyCode(second.requestId, first.code, 'bearer')).rejects.toMatchObject(
        { code: 'sign_in_code_invalid' },
      );
      expect(
        (await auth().verifyCode(second.requestId, second.code, 'bearer')).applicant.email,
      ).toBe(email);
    });

    it('takes a code once', async () => {
      const email = uniqueEmail('once');
      const { requestId, code } = await signInCode(email);
      const first = await auth().verifyCode(requestId, code, 'bearer');
      await expect(auth().verifyCode(requestId, code, 'bearer')).rejects.toMatchObject({
        code: 'sign_in_code_used',
      });
      await expect(
        auth().verifyCode(requestId, wrongGuesses(code, 1)[0], 'bearer'),
      ).rejects.toMatchObject({ code: 'sign_in_code_used' });
      expect(
        await ctx.dataSource
          .getRepository(ApplicantSession)
          .countBy({ applicantId: first.applicant.id }),
      ).toBe(1);
    });

    it('refuses a code once its 10 minutes are up', async () => {
      // The sign-in service reads the real time (new Date()), not the Clock, so freezing the
      // Clock cannot age its codes: the expiry is moved instead, as a 10-minute wait would.
      const inTime = await signInCode(uniqueEmail('in-time'));
      const late = await signInCode(uniqueEmail('too-late'));
      const request = await ctx.dataSource
        .getRepository(EmailSignInRequest)
        .findOneByOrFail({ id: late.requestId });
      const ttl = request.expiresAt.getTime() - request.createdAt.getTime();
      expect(Math.abs(ttl - SIGN_IN_CODE_TTL_MS)).toBeLessThan(5_000);

      await ctx.dataSource.query(
        `UPDATE email_sign_in_requests SET expires_at = now() + interval '5 seconds' WHERE id = $1`,
        [inTime.requestId],
      );
      await ctx.dataSource.query(
        `UPDATE email_sign_in_requests SET expires_at = now() - interval '1 second' WHERE id = $1`,
        [late.requestId],
      );
      await expect(auth().verifyCode(inTime.requestId, inTime.code, 'bearer')).resolves.toEqual(
        expect.objectContaining({ token: expect.stringMatching(/^ap\./) }),
      );
      await expect(auth().verifyCode(late.requestId, late.code, 'bearer')).rejects.toMatchObject({
        code: 'sign_in_code_expired',
      });
      await expect(
        auth().verifyCode(late.requestId, wrongGuesses(late.code, 1)[0], 'bearer'),
      ).rejects.toMatchObject({ code: 'sign_in_code_expired' });
      expect(
        await ctx.dataSource
          .getRepository(EmailSignInRequest)
          .findOneByOrFail({ id: late.requestId }),
      ).toMatchObject({ failedAttempts: 0, usedAt: null });
    });
  });
});

interface Outcome {
  ok: boolean;
  code?: string;
  message?: string;
  triesLeft?: number;
}

async function outcomeOf(attempt: Promise<unknown>): Promise<Outcome> {
  try {
    await attempt;
    return { ok: true };
  } catch (error) {
    const e = error as { code?: string; message?: string; triesLeft?: number };
    return { ok: false, code: e.code, message: e.message, triesLeft: e.triesLeft };
  }
}

/**
 * Distinct 6-digit codes other than the real one. An attacker would not know to leave it out;
 * it is left out so that every guess is wrong and the test proves the lockout, not luck.
 */
function wrongGuesses(code: string, n: number): string[] {
  const guesses = new Set<string>();
  while (guesses.size < n) {
    const guess = String(randomInt(0, 1_000_000)).padStart(6, '0');
    if (guess !== code) guesses.add(guess);
  }
  return [...guesses];
}

function uniqueEmail(who: string): string {
  return `${who}-${randomBytes(4).toString('hex')}@example.org`;
}

function countBy(values: (string | undefined)[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const v of values) counts[String(v)] = (counts[String(v)] ?? 0) + 1;
  return counts;
}

/** Runs `count` tasks, PARALLEL at a time, and returns their results in order. */
async function inBatches<T>(count: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  for (let start = 0; start < count; start += PARALLEL) {
    const batch = Array.from({ length: Math.min(PARALLEL, count - start) }, (_, j) =>
      task(start + j),
    );
    results.push(...(await Promise.all(batch)));
  }
  return results;
}
