import {
  JsonObject,
  MailOutboxService,
  PREPARED,
  SqlExpr,
  StatementBatcher,
  StatementParams,
} from '@grants/core';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** One vote as checked in memory, ready to be written. */
export interface VoteRequest {
  sessionHash: string;
  ballotId: string;
  applicationId: string;
  castAt: Date;
  receiptHash: string;
  ipHash: string;
  userAgent: string;
  /** Votes from one postcode beyond which a vote is flagged for review. */
  flagThreshold: number;
  /** The receipt email's data. */
  receipt: JsonObject;
}

export interface VoteWritten {
  /** The session was live and for this ballot (false: no such voter here). */
  voterFound: boolean;
  /** False when the voter had already voted: nothing was written. */
  voted: boolean;
  emailId: string | null;
}

interface WrittenRow {
  voter_id: string | null;
  voted: boolean;
  email_id: string | null;
}

/**
 * Statements a vote waits for at most while others run: two cores, and PostgreSQL and the server
 * share them, so a few statements carrying many votes each beat many carrying one.
 */
const MAX_IN_FLIGHT = 4;
const MAX_BATCH = 200;

/** The receipt's dedupe key, from the vote's receipt hash (an SQL expression). */
const receiptKey = (receiptHash: string) => `'vote-receipt:' || ${receiptHash}`;

/**
 * Writes votes, many to a statement under load (see `StatementBatcher`). One statement, so one
 * transaction, per batch: each vote's session must be live and for its ballot; a voter who has
 * voted already writes nothing (and the unique (ballot, voter) index stops a second vote whatever
 * the race); the per-postcode flag counts the postcode's stored votes and those before it in the
 * batch; a receipt email is written with each vote and only with it.
 */
@Injectable()
export class VoteWriter {
  private readonly batcher: StatementBatcher<VoteRequest, VoteWritten>;
  private readonly sql: string;
  /** The statement's parameters after the votes ($1): the receipt step's fixed values. */
  private readonly templateParams: unknown[];

  constructor(
    private readonly dataSource: DataSource,
    outbox: MailOutboxService,
  ) {
    // The statement's text is the same for every batch (the votes are one JSON parameter), so it
    // is prepared once per connection.
    const params = new StatementParams();
    // $1, the batch's votes: a placeholder here, each batch sends its own.
    const votes = params.value(null, 'jsonb');
    const receipt = outbox.insertStep(
      'vote JOIN voter USING (receipt_hash)',
      {
        to: new SqlExpr('voter.email'),
        template: 'ballots/vote-receipt',
        dedupeKey: new SqlExpr(receiptKey('voter.receipt_hash')),
        data: new SqlExpr('voter.receipt'),
      },
      params,
    );
    this.templateParams = params.values.slice(1);
    this.sql = `/* ${PREPARED} */ WITH request AS (
        SELECT * FROM jsonb_to_recordset(${votes}) AS r(
          n int, session_hash text, ballot_id uuid, application_id uuid, cast_at timestamptz,
          receipt_hash text, ip_hash text, user_agent text, flag_threshold int, receipt jsonb)
      ), voter AS (
        SELECT r.*, v.id AS voter_id, v.email, v.postcode,
               EXISTS (SELECT 1 FROM votes x WHERE x.ballot_id = r.ballot_id AND x.voter_id = v.id)
                 AS has_voted
          FROM request r
          JOIN ballot_voters v ON v.session_hash = r.session_hash AND v.ballot_id = r.ballot_id
         WHERE v.revoked_at IS NULL AND v.session_expires_at > r.cast_at
      ), vote AS (
        INSERT INTO votes (ballot_id, voter_id, application_id, cast_at, receipt_hash, postcode, ip_hash, user_agent, flagged)
        SELECT ballot_id, voter_id, application_id, cast_at, receipt_hash, postcode, ip_hash, user_agent,
               (SELECT count(*) FROM votes x
                 WHERE x.ballot_id = voter.ballot_id AND x.postcode = voter.postcode AND x.voided_at IS NULL)
                 + row_number() OVER (PARTITION BY ballot_id, postcode ORDER BY n) - 1 >= flag_threshold
          FROM voter
         WHERE NOT has_voted
         ORDER BY n
        ON CONFLICT (ballot_id, voter_id) DO NOTHING
        RETURNING receipt_hash
      ), receipt AS (${receipt})
      SELECT voter.voter_id, vote.receipt_hash IS NOT NULL AS voted, receipt.id AS email_id
        FROM request r
        LEFT JOIN voter ON voter.n = r.n
        LEFT JOIN vote ON vote.receipt_hash = r.receipt_hash
        LEFT JOIN receipt ON receipt.dedupe_key = ${receiptKey('r.receipt_hash')}
       ORDER BY r.n`;
    this.batcher = new StatementBatcher((batch) => this.writeTogether(batch), {
      maxInFlight: MAX_IN_FLIGHT,
      maxBatch: MAX_BATCH,
      key: (vote) => vote.sessionHash,
    });
  }

  write(vote: VoteRequest): Promise<VoteWritten> {
    return this.batcher.submit(vote);
  }

  /**
   * These votes in one statement, whatever else is running (`write` decides what goes together).
   * Each voter at most once: a statement cannot see its own first vote when it meets the second.
   */
  async writeTogether(batch: VoteRequest[]): Promise<VoteWritten[]> {
    const votes = batch.map((v, n) => ({
      n,
      session_hash: v.sessionHash,
      ballot_id: v.ballotId,
      application_id: v.applicationId,
      cast_at: v.castAt.toISOString(),
      receipt_hash: v.receiptHash,
      ip_hash: v.ipHash,
      user_agent: v.userAgent,
      flag_threshold: v.flagThreshold,
      receipt: v.receipt,
    }));
    const rows: WrittenRow[] = await this.dataSource.query(this.sql, [
      JSON.stringify(votes),
      ...this.templateParams,
    ]);
    return rows.map((row) => ({
      voterFound: row.voter_id !== null,
      voted: row.voted,
      emailId: row.email_id,
    }));
  }
}
