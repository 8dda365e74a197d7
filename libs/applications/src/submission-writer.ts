import {
  Actor,
  AuditService,
  JsonObject,
  PREPARED,
  SqlExpr,
  StatementBatcher,
  StatementParams,
} from '@grants/core';
import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { ApplicantMessage, ApplicationNotices, Notice } from './application-notices';
import { referencePrefix, referenceSql } from './application-reference';
import type { ApplicationStatus } from './application-status';
import type { EligibilityCheck } from './eligibility-checks';
import { Application } from './entities/application.entity';

/** What a submission writes, decided before the statement runs. */
export interface SubmissionWrite {
  /** The applicant submitting, whose membership is checked again as the statement writes. */
  actor: Actor;
  application: Application;
  from: ApplicationStatus;
  now: Date;
  firstSubmittedAt: Date;
  checks: EligibilityCheck[];
  outcomeReason: string | null;
  /** The applicant's answer to a request for more information, kept as their message. */
  response: ApplicantMessage | null;
  /** The notice, given what stands for the reference in its texts. */
  notice: (reference: string) => Notice;
}

export interface SubmissionRow {
  reference: string;
  sequence: number;
  updated_at: Date;
  version: number;
  email_ids: string[];
}

interface WrittenRow extends Omit<SubmissionRow, 'reference' | 'sequence'> {
  reference: string | null;
  sequence: number | null;
}

/**
 * Stands for the reference in the texts built before the statement issues it: a private-use
 * character around random hex, new for each process, so no typed text can hold it.
 */
const MARKER = `\u{E000}${randomBytes(12).toString('hex')}\u{E000}`;

/**
 * Statements at once, and submissions a statement carries. Submissions to one round take its
 * numbering in turn (the counter row is locked until commit, and the commit waits for the WAL
 * flush), so one statement numbering many beats many numbering one each. On two cores, two
 * statements at once (one being sent or read while the other commits) of at most fifty gave the
 * best tail of those tried (bench/README.md); a statement per submission managed about 870 a
 * second at 100 connections, with a p99 over 150 ms.
 */
const MAX_IN_FLIGHT = 2;
const MAX_BATCH = 50;

/**
 * Writes submissions as one SQL statement per batch (see `StatementBatcher`): one round trip and
 * one transaction. Each application is written only if it is still the version that was read and
 * checked, still in that status and the applicant still a member (otherwise nothing is written for
 * it and its row comes back empty, to be read and checked again). Then, for those written: the
 * rounds' next numbers, taken only now so a refused or failed submission leaves no gap (one
 * counter update per round per batch, in round order so two batches cannot deadlock), the
 * application, its audit event, the applicant's answer (if any), and the notice with its email to
 * every member of the organisation.
 */
@Injectable()
export class SubmissionWriter {
  private readonly batcher: StatementBatcher<JsonObject, SubmissionRow | null>;
  private readonly sql: string;
  /** The statement's parameters after the submissions ($1). */
  private readonly templateParams: unknown[];

  constructor(
    private readonly dataSource: DataSource,
    private readonly notices: ApplicationNotices,
    audit: AuditService,
  ) {
    // The text is the same for every batch (the submissions are one JSON parameter), so each
    // pooled connection prepares it once, inside a transaction too.
    const params = new StatementParams();
    const submissions = params.value(null, 'jsonb');
    const marker = params.value(MARKER, 'text');
    const auditStep = audit.insertStep(
      'written',
      {
        type: new SqlExpr('written.actor_type'),
        id: new SqlExpr('written.member_id'),
        label: new SqlExpr('written.actor_label'),
      },
      {
        action: new SqlExpr('written.action'),
        subjectType: 'application',
        subjectId: new SqlExpr('written.id::text'),
        before: new SqlExpr(`jsonb_build_object('status', written.from_status)`),
        after: new SqlExpr(
          `jsonb_build_object('status', 'submitted', 'reference', written.reference, 'failedChecks', written.failed_checks)`,
        ),
      },
      params,
    );
    // Written for the applications the statement changed, so they exist exactly when it does.
    const noticeSteps = notices.insertSteps('notice', 'written', marker, params);
    this.templateParams = params.values.slice(1);
    this.sql = `/* ${PREPARED} */ WITH request AS (
        SELECT * FROM jsonb_to_recordset(${submissions}) AS r(
          n int, application_id uuid, version int, from_status text, member_id uuid,
          actor_type text, actor_label text, known_sequence int, known_reference text,
          prefix text, first_submitted_at timestamptz, submitted_at timestamptz, checks jsonb,
          failed_checks jsonb, outcome_reason text, action text, answer_kind text,
          answer_subject text, answer_body text, notice_kind text, notice_subject text,
          notice_body text, template text, email_data jsonb)
      ), target AS (
        SELECT r.*, a.round_id, a.organisation_id
          FROM request r JOIN applications a ON a.id = r.application_id
         WHERE a.version = r.version AND a.status = r.from_status
           AND EXISTS (SELECT 1 FROM organisation_members m
                        WHERE m.organisation_id = a.organisation_id AND m.applicant_id = r.member_id)
         ORDER BY a.id
           FOR UPDATE OF a
      ), needed AS (
        SELECT round_id, count(*)::int AS count FROM target WHERE known_reference IS NULL
         GROUP BY round_id
      ), counter AS (
        INSERT INTO round_application_counters (round_id, last_sequence)
        SELECT round_id, count FROM needed ORDER BY round_id
        ON CONFLICT (round_id) DO UPDATE
          SET last_sequence = round_application_counters.last_sequence + excluded.last_sequence
        RETURNING round_id, last_sequence
      ), sequenced AS (
        SELECT t.*, t.application_id AS id,
               COALESCE(t.known_sequence, counter.last_sequence - needed.count
                 + row_number() OVER (PARTITION BY t.round_id, t.known_reference IS NULL ORDER BY t.n))::int
                 AS sequence
          FROM target t
          LEFT JOIN needed ON needed.round_id = t.round_id AND t.known_reference IS NULL
          LEFT JOIN counter ON counter.round_id = needed.round_id
      ), numbered AS (
        SELECT s.*, COALESCE(s.known_reference, ${referenceSql('s.prefix', 's.sequence')}) AS reference
          FROM sequenced s
      ), submitted AS (
        UPDATE applications a
           SET status = 'submitted', reference = numbered.reference, sequence = numbered.sequence,
               first_submitted_at = numbered.first_submitted_at, submitted_at = numbered.submitted_at,
               eligibility_checks = numbered.checks, outcome_reason = numbered.outcome_reason,
               updated_at = CURRENT_TIMESTAMP, version = a.version + 1
          FROM numbered WHERE a.id = numbered.id
        RETURNING a.id, a.reference, a.sequence, a.updated_at, a.version
      ), written AS (
        SELECT numbered.* FROM numbered JOIN submitted USING (id)
      ), audit AS (${auditStep}),
      ${noticeSteps.join(', ')},
      emails AS (
        SELECT notice.application_id, array_agg(e.id) AS ids
          FROM notice JOIN notice_emails e
            ON starts_with(e.dedupe_key, 'application-message:' || notice.id || ':')
         GROUP BY notice.application_id
      )
      SELECT s.reference, s.sequence, s.updated_at, s.version,
             COALESCE(emails.ids, '{}') AS email_ids
        FROM request r
        LEFT JOIN submitted s ON s.id = r.application_id
        LEFT JOIN emails ON emails.application_id = s.id
       ORDER BY r.n`;
    this.batcher = new StatementBatcher(
      (batch) => this.writeTogether(this.dataSource.manager, batch),
      {
        maxInFlight: MAX_IN_FLIGHT,
        maxBatch: MAX_BATCH,
        // The same application twice in one statement would take two numbers for one row.
        key: (item) => item.application_id as string,
      },
    );
  }

  /** Written with whatever other submissions are waiting; null if the application changed. */
  write(write: SubmissionWrite): Promise<SubmissionRow | null> {
    return this.batcher.submit(this.item(write));
  }

  /** Written alone in the caller's transaction (a round taking submissions one at a time). */
  async writeIn(manager: EntityManager, write: SubmissionWrite): Promise<SubmissionRow | null> {
    const [row] = await this.writeTogether(manager, [this.item(write)]);
    return row;
  }

  private async writeTogether(
    manager: EntityManager,
    items: JsonObject[],
  ): Promise<(SubmissionRow | null)[]> {
    const numbered = items.map((item, n) => ({ ...item, n }));
    const rows: WrittenRow[] = await manager.query(this.sql, [
      JSON.stringify(numbered),
      ...this.templateParams,
    ]);
    return rows.map((row) => (row.reference === null ? null : (row as SubmissionRow)));
  }

  private item(write: SubmissionWrite): JsonObject {
    const { application, actor, response } = write;
    const { round } = application;
    const notice = write.notice(MARKER);
    return {
      application_id: application.id,
      version: application.version,
      from_status: write.from,
      member_id: actor.id,
      actor_type: actor.type,
      actor_label: actor.label,
      known_sequence: application.sequence,
      known_reference: application.reference,
      prefix: referencePrefix(round.fund.code, round.opensAt, round.code),
      first_submitted_at: write.firstSubmittedAt.toISOString(),
      submitted_at: write.now.toISOString(),
      checks: write.checks,
      failed_checks: write.checks.filter((c) => !c.passed).map((c) => c.key),
      outcome_reason: write.outcomeReason,
      action:
        write.from === 'more-information'
          ? 'application.more-information-answered'
          : 'application.submitted',
      answer_kind: response?.kind ?? null,
      answer_subject: response?.subject ?? null,
      answer_body: response?.body ?? null,
      notice_kind: notice.kind,
      notice_subject: notice.subject,
      notice_body: notice.body,
      template: notice.template,
      email_data: this.notices.emailData(application, notice, MARKER),
    };
  }
}

/**
 * Takes the lock on the round's numbering for the rest of the transaction, without using a
 * number: what the caller reads next sees every submission of the round committed before.
 */
export async function lockRoundNumbering(manager: EntityManager, roundId: string): Promise<void> {
  await manager.query(
    `INSERT INTO round_application_counters (round_id, last_sequence) VALUES ($1, 0)
     ON CONFLICT (round_id) DO UPDATE SET last_sequence = round_application_counters.last_sequence`,
    [roundId],
  );
}
