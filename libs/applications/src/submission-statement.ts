import { Actor, AuditService, StatementParams, StatementSlot } from '@grants/core';
import { EntityManager } from 'typeorm';
import { ApplicantMessage, ApplicationNotices, Notice } from './application-notices';
import { referencePrefix, referenceSql } from './application-reference';
import type { ApplicationStatus } from './application-status';
import type { EligibilityCheck } from './eligibility-checks';
import { Application } from './entities/application.entity';

/** What a submission writes, decided before the statement runs. */
export interface SubmissionWrite {
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

/**
 * A submission as one SQL statement: one round trip and its own transaction. It writes only if
 * the application is still the version that was read and checked (otherwise it writes nothing
 * and returns no row); the round's next number is taken only then, so a refused or failed
 * submission leaves no gap, and the counter row is locked only while the statement runs (or,
 * in a round taking submissions one at a time, the caller's transaction). Then the application,
 * its audit event, the applicant's answer (if any), and the notice with its email to every
 * member of the organisation.
 */
export function submissionStatement(
  services: { audit: AuditService; notices: ApplicationNotices },
  write: SubmissionWrite,
): { sql: string; values: unknown[] } {
  const { application, actor } = write;
  const { round } = application;
  const p = new StatementParams();
  const reference = new StatementSlot('submitted.reference');
  // The version alone says nothing changed; the status and the membership are checked again too,
  // so a write that forgot the version, or a member removed meanwhile, cannot slip through.
  const target = `SELECT a.id FROM applications a
                   WHERE a.id = ${p.value(application.id, 'uuid')}
                     AND a.version = ${p.value(application.version, 'int')}
                     AND a.status = ${p.value(write.from, 'text')}
                     AND EXISTS (SELECT 1 FROM organisation_members m
                                  WHERE m.organisation_id = a.organisation_id
                                    AND m.applicant_id = ${p.value(actor.id, 'uuid')})
                     FOR UPDATE OF a`;
  const counter = `INSERT INTO round_application_counters (round_id, last_sequence)
                   SELECT ${p.value(round.id, 'uuid')}, 1 FROM target
                    WHERE ${p.value(application.reference === null, 'boolean')}
                   ON CONFLICT (round_id) DO UPDATE
                     SET last_sequence = round_application_counters.last_sequence + 1
                   RETURNING last_sequence`;
  const prefix = p.value(referencePrefix(round.fund.code, round.opensAt, round.code), 'text');
  const numbered = `SELECT target.id,
                           COALESCE(${p.value(application.sequence, 'int')}, counter.last_sequence) AS sequence,
                           COALESCE(${p.value(application.reference, 'text')},
                                    ${referenceSql(prefix, 'counter.last_sequence')}) AS reference
                      FROM target LEFT JOIN counter ON true`;
  const submitted = `UPDATE applications a
                        SET status = 'submitted', reference = numbered.reference,
                            sequence = numbered.sequence,
                            first_submitted_at = ${p.value(write.firstSubmittedAt, 'timestamptz')},
                            submitted_at = ${p.value(write.now, 'timestamptz')},
                            eligibility_checks = ${p.json(write.checks)},
                            outcome_reason = ${p.value(write.outcomeReason, 'text')},
                            updated_at = CURRENT_TIMESTAMP, version = a.version + 1
                       FROM numbered WHERE a.id = numbered.id
                     RETURNING a.id, a.reference, a.sequence, a.updated_at, a.version`;
  const audit = services.audit.insertStep(
    'submitted',
    actor,
    {
      action:
        write.from === 'more-information'
          ? 'application.more-information-answered'
          : 'application.submitted',
      subjectType: 'application',
      subjectId: application.id,
      before: { status: write.from },
      after: reference.json(p, {
        status: 'submitted',
        reference: reference.marker,
        failedChecks: write.checks.filter((c) => !c.passed).map((c) => c.key),
      }),
    },
    p,
  );
  const notice = services.notices.insertSteps(
    'notice',
    'submitted',
    application,
    write.notice(reference.marker),
    write.response,
    reference,
    p,
  );
  return {
    sql: `WITH target AS (${target}), counter AS (${counter}), numbered AS (${numbered}),
               submitted AS (${submitted}), audit AS (${audit}),
               ${notice.join(', ')}
          SELECT reference, sequence, updated_at, version,
                 ARRAY(SELECT id FROM notice_emails) AS email_ids
            FROM submitted`,
    values: p.values,
  };
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
