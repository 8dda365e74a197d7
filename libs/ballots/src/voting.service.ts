import {
  AppConfig,
  Clock,
  hashToken,
  isUuid,
  MailOutboxService,
  ValidationException,
} from '@grants/core';
import { Injectable } from '@nestjs/common';
import { createHash, createHmac, randomInt } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  AlreadyVotedException,
  BallotNotFoundException,
  VoterSessionException,
} from './ballots.exceptions';
import { Ballot } from './entities/ballot.entity';
import { ShortlistEntry } from './entities/shortlist-entry.entity';
import { Vote } from './entities/vote.entity';
import { votingRule } from './rules/voting-rules';
import { VoteWriter } from './vote-writer';
import {
  assertTakingVotes,
  VOTER_TOKEN_PREFIX,
  VoterContext,
  VoterVerificationService,
} from './voter-verification.service';

export interface CastMeta {
  /** The client address as the server saw it: only a keyed hash is kept. */
  ip: string;
  userAgent: string;
}

export interface CastVote {
  receiptCode: string;
  choice: ShortlistEntry;
  ballot: Ballot;
}

interface OpenBallot {
  ballot: Ballot;
  entries: ShortlistEntry[];
  /** Kept until the ballot's closing time. */
  until: number;
}

export interface VoterBallot extends VoterContext {
  /** The shortlist in this voter's own order, so no project gains from being listed first. */
  entries: ShortlistEntry[];
  hasVoted: boolean;
}

/**
 * Casting a vote: the ballot is checked to be taking votes and the choice to follow its rule in
 * memory; then `VoteWriter` checks the session, inserts the vote (the unique index on ballot and
 * voter makes a second one do nothing) and writes the receipt email in one transaction.
 */
@Injectable()
export class VotingService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly verification: VoterVerificationService,
    private readonly outbox: MailOutboxService,
    private readonly votes: VoteWriter,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  private readonly open = new Map<string, OpenBallot>();

  async ballotFor(token: unknown): Promise<VoterBallot> {
    const context = await this.verification.session(token);
    const entries = await this.dataSource.manager.find(ShortlistEntry, {
      where: { areaId: context.ballot.areaId },
    });
    // Voided or not: a voided vote is still the resident's one vote.
    const hasVoted = await this.dataSource.manager.existsBy(Vote, {
      ballotId: context.ballot.id,
      voterId: context.voter.id,
    });
    return { ...context, entries: voterOrder(entries, context.voter.id), hasVoted };
  }

  /**
   * `ballotId`, when given, is the ballot the voter means (the one in the address): a session for
   * another ballot is no session there.
   */
  async cast(
    token: unknown,
    choices: string[],
    meta: CastMeta,
    ballotId?: string,
  ): Promise<CastVote> {
    if (typeof token !== 'string' || !token.startsWith(VOTER_TOKEN_PREFIX))
      throw new VoterSessionException();
    // Callers that do not know the ballot (no address to read it from) look the voter up first.
    const target = ballotId ?? (await this.verification.liveVoter(token)).ballotId;
    if (!isUuid(target)) throw new VoterSessionException();
    // The ballot and shortlist cannot change while the ballot is open (both are fixed when it is
    // scheduled), so they come from memory.
    const { ballot, entries } = await this.openBallot(target);
    const now = this.clock.now();
    assertTakingVotes(ballot, now);
    const problem = votingRule(ballot.votingRule).check(
      choices,
      entries.map((e) => e.applicationId),
    );
    if (problem) throw new ValidationException([{ field: 'choice', message: problem }]);
    const choice = entries.find((e) => e.applicationId === choices[0])!;
    const receiptCode = newReceiptCode();
    const written = await this.votes.write({
      sessionHash: hashToken(token),
      ballotId: target,
      applicationId: choice.applicationId,
      castAt: now,
      receiptHash: hashReceipt(receiptCode),
      ipHash: this.hashAddress(meta.ip),
      userAgent: meta.userAgent.slice(0, 500),
      flagThreshold: ballot.postcodeFlagThreshold,
      receipt: {
        receiptCode,
        areaName: ballot.area.name,
        roundTitle: ballot.round.title,
        projectTitle: choice.publicTitle,
      },
    });
    if (!written.voterFound) throw new VoterSessionException();
    if (!written.voted) throw new AlreadyVotedException();
    this.outbox.dispatchSoon(written.emailId ? [written.emailId] : []);
    return { receiptCode, choice, ballot };
  }

  /** An open ballot with its area, round and shortlist, read once per process while it is open. */
  private async openBallot(ballotId: string): Promise<OpenBallot> {
    const cached = this.open.get(ballotId);
    if (cached && cached.until > this.clock.now().getTime()) return cached;
    const ballot = await this.dataSource.manager.findOne(Ballot, {
      where: { id: ballotId },
      relations: { area: true, round: true },
    });
    if (!ballot) throw new BallotNotFoundException();
    const entries = await this.dataSource.manager.findBy(ShortlistEntry, { areaId: ballot.areaId });
    const loaded = { ballot, entries, until: ballot.closesAt.getTime() };
    // Only a ballot taking votes is kept: before it opens, or once closed, read it every time.
    if (ballot.status === 'open') this.open.set(ballotId, loaded);
    return loaded;
  }

  /** Keyed, so the stored hash cannot be reversed by trying every address. */
  private hashAddress(ip: string): string {
    return createHmac('sha256', this.config.SESSION_SECRET).update(`vote-ip:${ip}`).digest('hex');
  }
}

/**
 * "7KQ2-M9XD-4HPT": 60 bits from the CSPRNG in letters and digits that are hard to misread.
 * `randomInt` draws from a buffer of random bytes Node refills in bulk, where `randomBytes` calls
 * into OpenSSL for every code (3% of a vote's time in the profile).
 */
export function newReceiptCode(): string {
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  let chars = '';
  for (let i = 0; i < 12; i += 1) chars += alphabet[randomInt(32)];
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
}

/** The stored form of a receipt code: anyone holding the code can find their vote in the export. */
export function hashReceipt(code: string): string {
  return hashToken(code.trim().toUpperCase());
}

/** A stable order per voter: the same on every visit, different between voters. */
export function voterOrder(entries: ShortlistEntry[], voterId: string): ShortlistEntry[] {
  const key = (e: ShortlistEntry) =>
    createHash('sha256').update(`${voterId}:${e.applicationId}`).digest('hex');
  return [...entries].sort((a, b) => key(a).localeCompare(key(b)));
}
