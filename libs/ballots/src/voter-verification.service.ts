import {
  AppConfig,
  checkEmailAddress,
  Clock,
  formatUk,
  hashToken,
  isUuid,
  MailOutboxService,
  newNumericCode,
  newToken,
  sameSecret,
  ValidationException,
} from '@grants/core';
import { Injectable } from '@nestjs/common';
import MailChecker from 'mailchecker';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { BallotNotOpenException, VoterSessionException } from './ballots.exceptions';
import { Ballot } from './entities/ballot.entity';
import { BallotVoter } from './entities/ballot-voter.entity';
import { VoterVerification } from './entities/voter-verification.entity';
import { normalisePostcode, postcodeInAreas } from './rules/postcode-areas';
import { VoterCodeException } from './voter-code.exception';

export const VOTER_CODE_TTL_MS = 10 * 60_000;
export const VOTER_SESSION_TTL_MS = 30 * 60_000;
export const MAX_WRONG_VOTER_CODES = 5;
/** Voter tokens carry this prefix, so they are never mistaken for staff or applicant ones. */
export const VOTER_TOKEN_PREFIX = 'vt.';

export interface VoterContext {
  voter: BallotVoter;
  ballot: Ballot;
}

/**
 * Proving a resident's email for one ballot: the email and a postcode in the area get a 6-digit
 * code (CSPRNG, 10 minutes, once, bound to that email and ballot, locked after 5 wrong tries);
 * the right code starts a short voting session. The answer to asking for a code is the same
 * whoever asks, so nothing shows who has voted.
 */
@Injectable()
export class VoterVerificationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: MailOutboxService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /** Returns the id the code must come back with (the page keeps it in a signed cookie). */
  async requestCode(
    ballotId: string,
    rawEmail: unknown,
    rawPostcode: unknown,
  ): Promise<{ verificationId: string; email: string }> {
    const ballot = await this.openBallot(this.dataSource.manager, ballotId);
    const errors: { field: string; message: string }[] = [];
    const checked = checkEmailAddress(rawEmail);
    if ('error' in checked) errors.push({ field: 'email', message: checked.error });
    else if (this.config.REFUSE_DISPOSABLE_EMAILS && !MailChecker.isValid(checked.email))
      errors.push({
        field: 'email',
        message:
          'Use an email address you keep: addresses from disposable email services cannot be used to vote',
      });
    const postcode = typeof rawPostcode === 'string' ? normalisePostcode(rawPostcode) : null;
    if (!postcode)
      errors.push({ field: 'postcode', message: 'Enter a full UK postcode, like DN15 9AB' });
    else if (!postcodeInAreas(postcode, ballot.postcodeAreas))
      errors.push({
        field: 'postcode',
        message: `${postcode} is not in the ${ballot.area.name} voting area (postcodes starting ${ballot.postcodeAreas.join(', ')}): only residents of the area can vote`,
      });
    if (errors.length > 0) throw new ValidationException(errors);
    const email = (checked as { email: string }).email;
    const code = newNumericCode();
    const expiresAt = new Date(this.clock.now().getTime() + VOTER_CODE_TTL_MS);
    const { verificationId, emailIds } = await this.dataSource.transaction(async (manager) => {
      const id = randomUUID();
      // Bound to the request: the same digits for another request or ballot are no use.
      await manager.insert(VoterVerification, {
        id,
        ballotId,
        email,
        postcode: postcode!,
        codeHash: hashToken(`${id}:${code}`),
        expiresAt,
      });
      const emailIds = await this.outbox.write(manager, [
        {
          to: email,
          template: 'ballots/voting-code',
          dedupeKey: `voting-code:${id}`,
          data: {
            code,
            areaName: ballot.area.name,
            roundTitle: ballot.round.title,
            expiresAtUk: formatUk(expiresAt),
            closesAtUk: formatUk(ballot.closesAt),
          },
        },
      ]);
      return { verificationId: id, emailIds };
    });
    await this.outbox.dispatch(emailIds);
    return { verificationId, email };
  }

  /** The right code starts (or renews) the voter's session; a wrong one counts, even though it fails. */
  async verifyCode(
    verificationId: unknown,
    rawCode: unknown,
  ): Promise<{ token: string; voter: BallotVoter }> {
    const code = typeof rawCode === 'string' ? rawCode.replace(/[\s-]/g, '') : '';
    if (!/^\d{6}$/.test(code))
      throw new ValidationException([
        { field: 'code', message: 'Enter the 6-digit code from the email' },
      ]);
    if (typeof verificationId !== 'string' || !isUuid(verificationId))
      throw new VoterCodeException('unknown');
    const result = await this.dataSource.transaction(async (manager) => {
      const request = await manager.findOne(VoterVerification, {
        where: { id: verificationId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!request) return new VoterCodeException('unknown');
      if (request.usedAt) return new VoterCodeException('used');
      if (request.wrongAttempts >= MAX_WRONG_VOTER_CODES) return new VoterCodeException('locked');
      if (request.expiresAt <= this.clock.now()) return new VoterCodeException('expired');
      if (!sameSecret(request.codeHash, hashToken(`${request.id}:${code}`))) {
        const wrong = request.wrongAttempts + 1;
        await manager.update(VoterVerification, { id: request.id }, { wrongAttempts: wrong });
        return new VoterCodeException('wrong', MAX_WRONG_VOTER_CODES - wrong);
      }
      await this.openBallot(manager, request.ballotId);
      await manager.update(VoterVerification, { id: request.id }, { usedAt: this.clock.now() });
      return this.startSession(manager, request);
    });
    if (result instanceof VoterCodeException) throw result;
    return result;
  }

  /** The voter behind a session token, while it is live and not ended by staff. */
  async liveVoter(token: unknown, manager = this.dataSource.manager): Promise<BallotVoter> {
    if (typeof token !== 'string' || !token.startsWith(VOTER_TOKEN_PREFIX))
      throw new VoterSessionException();
    const voter = await manager.findOneBy(BallotVoter, { sessionHash: hashToken(token) });
    if (!voter || voter.revokedAt || voter.sessionExpiresAt <= this.clock.now())
      throw new VoterSessionException();
    return voter;
  }

  /** The voter and their ballot (with its area and round). */
  async session(token: unknown, manager = this.dataSource.manager): Promise<VoterContext> {
    const voter = await this.liveVoter(token, manager);
    const ballot = await manager.findOneOrFail(Ballot, {
      where: { id: voter.ballotId },
      relations: { area: true, round: true },
    });
    return { voter, ballot };
  }

  /** A ballot taking votes now: open, and its closing time not yet passed. */
  async openBallot(manager: EntityManager, ballotId: string): Promise<Ballot> {
    const ballot = isUuid(ballotId)
      ? await manager.findOne(Ballot, {
          where: { id: ballotId },
          relations: { area: true, round: true },
        })
      : null;
    if (!ballot) throw new BallotNotOpenException('There is no vote here');
    assertTakingVotes(ballot, this.clock.now());
    return ballot;
  }

  private async startSession(
    manager: EntityManager,
    request: VoterVerification,
  ): Promise<{ token: string; voter: BallotVoter } | VoterCodeException> {
    const token = `${VOTER_TOKEN_PREFIX}${newToken()}`;
    const now = this.clock.now();
    // One voter per email and ballot: proving the address again renews the same voter's
    // session, unless staff ended it.
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO ballot_voters (ballot_id, email, postcode, verified_at, session_hash, session_expires_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (ballot_id, email) DO UPDATE
         SET postcode = EXCLUDED.postcode, verified_at = EXCLUDED.verified_at,
             session_hash = EXCLUDED.session_hash, session_expires_at = EXCLUDED.session_expires_at
         WHERE ballot_voters.revoked_at IS NULL
       RETURNING id`,
      [
        request.ballotId,
        request.email,
        request.postcode,
        now,
        hashToken(token),
        new Date(now.getTime() + VOTER_SESSION_TTL_MS),
      ],
    );
    if (rows.length === 0) return new VoterCodeException('revoked');
    return { token, voter: await manager.findOneByOrFail(BallotVoter, { id: rows[0].id }) };
  }
}

/** Votes are taken only while the ballot is open and before its closing time, to the second. */
export function assertTakingVotes(ballot: Ballot, now: Date): void {
  if (ballot.status === 'draft' || ballot.status === 'scheduled' || now < ballot.opensAt)
    throw new BallotNotOpenException(
      `Voting in ${ballot.area.name} opens at ${formatUk(ballot.opensAt)}`,
    );
  if (ballot.status !== 'open' || now >= ballot.closesAt)
    throw new BallotNotOpenException(
      `Voting in ${ballot.area.name} closed at ${formatUk(ballot.closesAt)}: votes can no longer be cast`,
    );
}
