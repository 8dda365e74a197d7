import {
  Actor,
  AuditService,
  Clock,
  isUuid,
  spreadsheetCsv,
  ValidationException,
} from '@grants/core';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { BallotNotFoundException } from './ballots.exceptions';
import { Ballot } from './entities/ballot.entity';
import { Vote } from './entities/vote.entity';

export const MAX_VOID_REASON = 2000;

export interface PostcodeCluster {
  postcode: string;
  votes: number;
  voided: number;
  firstAt: Date;
  lastAt: Date;
}

export interface ReviewVote {
  id: string;
  castAt: Date;
  postcode: string;
  /** The first characters of the address hash: enough to see repeats, not who. */
  ipHash: string;
  userAgent: string;
  choiceTitle: string;
  flagged: boolean;
  voidedAt: Date | null;
  voidReason: string | null;
}

export interface Turnout {
  ballotId: string;
  areaName: string;
  votes: number;
  voided: number;
  verifiedVoters: number;
  /** Votes per hour, UK time ("2023-05-02 18:00"). */
  byHour: { hour: string; votes: number }[];
}

/**
 * What staff watch while a vote runs and check before publishing: turnout, postcodes with more
 * votes than the ballot's threshold, each vote's time, hashed address and browser; voiding a vote
 * with a reason; and the anonymised export anyone can recount the result from.
 */
@Injectable()
export class VoteReviewService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Each ballot of the round, counted from the stored rows. */
  async turnout(roundId: string): Promise<Turnout[]> {
    if (!isUuid(roundId)) return [];
    const ballots: {
      id: string;
      area_name: string;
      votes: number;
      voided: number;
      voters: number;
    }[] = await this.dataSource.query(
      `SELECT b.id, ra.name AS area_name,
                (SELECT count(*) FROM votes v WHERE v.ballot_id = b.id AND v.voided_at IS NULL)::int AS votes,
                (SELECT count(*) FROM votes v WHERE v.ballot_id = b.id AND v.voided_at IS NOT NULL)::int AS voided,
                (SELECT count(*) FROM ballot_voters bv WHERE bv.ballot_id = b.id)::int AS voters
           FROM ballots b JOIN round_areas ra ON ra.id = b.area_id
          WHERE b.round_id = $1 ORDER BY ra.position`,
      [roundId],
    );
    const hours: { ballot_id: string; hour: string; votes: number }[] = await this.dataSource.query(
      `SELECT v.ballot_id,
              to_char(date_trunc('hour', v.cast_at AT TIME ZONE 'Europe/London'), 'YYYY-MM-DD HH24:MI') AS hour,
              count(*)::int AS votes
         FROM votes v JOIN ballots b ON b.id = v.ballot_id
        WHERE b.round_id = $1 AND v.voided_at IS NULL
        GROUP BY v.ballot_id, 2 ORDER BY 2`,
      [roundId],
    );
    return ballots.map((b) => ({
      ballotId: b.id,
      areaName: b.area_name,
      votes: b.votes,
      voided: b.voided,
      verifiedVoters: b.voters,
      byHour: hours
        .filter((h) => h.ballot_id === b.id)
        .map((h) => ({ hour: h.hour, votes: h.votes })),
    }));
  }

  /** Full postcodes with more votes than the ballot allows before review, most first. */
  async flaggedPostcodes(ballotId: string): Promise<PostcodeCluster[]> {
    const ballot = await this.ballot(ballotId);
    const rows: {
      postcode: string;
      votes: number;
      voided: number;
      first_at: Date;
      last_at: Date;
    }[] = await this.dataSource.query(
      `SELECT postcode,
                count(*) FILTER (WHERE voided_at IS NULL)::int AS votes,
                count(*) FILTER (WHERE voided_at IS NOT NULL)::int AS voided,
                min(cast_at) AS first_at, max(cast_at) AS last_at
           FROM votes WHERE ballot_id = $1
          GROUP BY postcode HAVING count(*) > $2
          ORDER BY count(*) DESC, postcode`,
      [ballot.id, ballot.postcodeFlagThreshold],
    );
    return rows.map((r) => ({
      postcode: r.postcode,
      votes: r.votes,
      voided: r.voided,
      firstAt: new Date(r.first_at),
      lastAt: new Date(r.last_at),
    }));
  }

  /** The votes from one postcode (or all flagged votes), oldest first. */
  async votes(ballotId: string, postcode?: string): Promise<ReviewVote[]> {
    const ballot = await this.ballot(ballotId);
    const rows: {
      id: string;
      cast_at: Date;
      postcode: string;
      ip_hash: string;
      user_agent: string;
      public_title: string;
      flagged: boolean;
      voided_at: Date | null;
      void_reason: string | null;
    }[] = await this.dataSource.query(
      `SELECT v.id, v.cast_at, v.postcode, v.ip_hash, v.user_agent, s.public_title, v.flagged,
              v.voided_at, v.void_reason
         FROM votes v JOIN shortlist_entries s ON s.application_id = v.application_id
        WHERE v.ballot_id = $1 AND ($2::text IS NULL AND v.flagged OR v.postcode = $2)
        ORDER BY v.cast_at, v.id LIMIT 1000`,
      [ballot.id, postcode ?? null],
    );
    return rows.map((r) => ({
      id: r.id,
      castAt: new Date(r.cast_at),
      postcode: r.postcode,
      ipHash: r.ip_hash.slice(0, 10),
      userAgent: r.user_agent,
      choiceTitle: r.public_title,
      flagged: r.flagged,
      voidedAt: r.voided_at ? new Date(r.voided_at) : null,
      voidReason: r.void_reason,
    }));
  }

  /** Takes a vote out of the count, with the reason; only before the result is published. */
  async void(voteId: string, reason: string, actor: Actor): Promise<void> {
    const text = reason.trim();
    if (!text || text.length > MAX_VOID_REASON)
      throw new ValidationException([
        {
          field: 'reason',
          message: text
            ? `The reason must be ${MAX_VOID_REASON} characters or fewer`
            : 'Enter why this vote is voided',
        },
      ]);
    if (!isUuid(voteId))
      throw new ValidationException([{ field: 'voteId', message: 'No such vote' }]);
    await this.dataSource.transaction(async (manager) => {
      const vote = await manager.findOne(Vote, {
        where: { id: voteId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!vote) throw new ValidationException([{ field: 'voteId', message: 'No such vote' }]);
      const ballot = await manager.findOneByOrFail(Ballot, { id: vote.ballotId });
      if (ballot.status === 'published')
        throw new ValidationException([
          {
            field: 'voteId',
            message: 'The result is published, so its votes can no longer change',
          },
        ]);
      if (vote.voidedAt) return;
      await manager.update(
        Vote,
        { id: voteId },
        { voidedAt: this.clock.now(), voidReason: text, voidedById: actor.id },
      );
      await this.audit.record(manager, actor, {
        action: 'vote.voided',
        subjectType: 'vote',
        subjectId: voteId,
        before: { voided: false },
        after: { voided: true, ballotId: vote.ballotId },
        reason: text,
      });
    });
  }

  /**
   * The anonymised votes: receipt hash, area, choice, time and void flag. Anyone can recount the
   * published result from it, and a voter can find their own receipt's hash in it.
   */
  async exportCsv(ballotId: string): Promise<string> {
    const ballot = await this.ballot(ballotId);
    const rows: {
      receipt_hash: string;
      area: string;
      choice: string;
      reference: string;
      cast_at: Date;
      voided: boolean;
    }[] = await this.dataSource.query(
      `SELECT v.receipt_hash, ra.name AS area, s.public_title AS choice, a.reference,
                v.cast_at, v.voided_at IS NOT NULL AS voided
           FROM votes v
           JOIN ballots b ON b.id = v.ballot_id
           JOIN round_areas ra ON ra.id = b.area_id
           JOIN shortlist_entries s ON s.application_id = v.application_id
           JOIN applications a ON a.id = v.application_id
          WHERE v.ballot_id = $1
          ORDER BY v.cast_at, v.receipt_hash`,
      [ballot.id],
    );
    return spreadsheetCsv([
      ['receipt_hash', 'area', 'choice_reference', 'choice', 'cast_at_utc', 'voided'],
      ...rows.map((r) => [
        r.receipt_hash,
        r.area,
        r.reference,
        r.choice,
        new Date(r.cast_at).toISOString(),
        r.voided ? 'yes' : 'no',
      ]),
    ]);
  }

  private async ballot(ballotId: string): Promise<Ballot> {
    const ballot = isUuid(ballotId)
      ? await this.dataSource.manager.findOneBy(Ballot, { id: ballotId })
      : null;
    if (!ballot) throw new BallotNotFoundException();
    return ballot;
  }
}
