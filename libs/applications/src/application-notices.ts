import { AppConfig, JsonObject, MailOutboxService, SqlExpr, StatementParams } from '@grants/core';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Application } from './entities/application.entity';
import { ApplicationMessage, ApplicationMessageKind } from './entities/application-message.entity';

/** An answer from the applicant (kept, not emailed). */
export interface ApplicantMessage {
  kind: ApplicationMessageKind;
  subject: string;
  body: string;
}

export interface Notice {
  kind: ApplicationMessageKind;
  /** libs/applications/src/emails/<template>.{subject,text,html}.njk */
  template: string;
  subject: string;
  /** What the applicant's messages page shows. */
  body: string;
  data?: JsonObject;
}

/**
 * Messages about an application: each is kept on the application (the applicant's messages page)
 * and emailed to every member of the organisation, in the caller's transaction.
 */
@Injectable()
export class ApplicationNotices {
  constructor(
    private readonly outbox: MailOutboxService,
    private readonly config: AppConfig,
  ) {}

  /** Returns the outbox ids to dispatch after commit. */
  async send(manager: EntityManager, application: Application, notice: Notice): Promise<string[]> {
    const message = await manager.save(
      manager.create(ApplicationMessage, {
        applicationId: application.id,
        kind: notice.kind,
        sender: 'office',
        subject: notice.subject,
        body: notice.body,
      }),
    );
    const members: { email: string }[] = await manager.query(
      `SELECT a.email FROM organisation_members m JOIN applicants a ON a.id = m.applicant_id
        WHERE m.organisation_id = $1 ORDER BY a.email`,
      [application.organisationId],
    );
    return this.outbox.write(
      manager,
      members.map((m) => ({
        to: m.email,
        template: `applications/${notice.template}`,
        dedupeKey: dedupeKey(message.id, m.email),
        data: this.emailData(application, notice, application.reference ?? ''),
      })),
    );
  }

  /**
   * Notices as steps of a one-statement write (see @grants/core's statement-parts), one for each
   * row of `source`, a CTE with the application's `id`, `organisation_id` and the `reference` the
   * statement issues, and for the messages: `answer_kind`, `answer_subject`, `answer_body` (the
   * applicant's answer it replies to, or nulls), `notice_kind`, `notice_subject`, `notice_body`,
   * `template` and `email_data` (as `emailData`), in order of `n`. The texts and the email's data
   * may hold `marker` (an SQL expression) where the reference goes. The answer, then the notice
   * (inserted in that order, as two statements would), then its email to every member; named
   * `<name>` (the notices: `id`, `application_id`) and `<name>_emails` (`id`, `dedupe_key`).
   */
  insertSteps(name: string, source: string, marker: string, params: StatementParams): string[] {
    const withReference = (text: string) => `replace(${text}, ${marker}, ${source}.reference)`;
    // Inside JSON strings the reference is escaped as JSON.
    const jsonReference = `substr(to_json(${source}.reference)::text, 2, length(to_json(${source}.reference)::text) - 2)`;
    return [
      `${name}_messages AS (
         INSERT INTO application_messages (application_id, kind, sender, subject, body)
         SELECT ${source}.id, message.kind, message.sender, message.subject, message.body
           FROM ${source} CROSS JOIN LATERAL (VALUES
                  (1, ${source}.answer_kind, 'applicant', ${source}.answer_subject, ${source}.answer_body),
                  (2, ${source}.notice_kind, 'office', ${withReference(`${source}.notice_subject`)},
                      ${withReference(`${source}.notice_body`)})
                ) AS message (position, kind, sender, subject, body)
          WHERE message.sender = 'office' OR ${source}.answer_kind IS NOT NULL
          ORDER BY ${source}.n, message.position
         RETURNING id, application_id, sender)`,
      `${name} AS (SELECT id, application_id FROM ${name}_messages WHERE sender = 'office')`,
      `${name}_emails AS (${this.outbox.insertStep(
        `${name} JOIN ${source} ON ${source}.id = ${name}.application_id
                 JOIN organisation_members m ON m.organisation_id = ${source}.organisation_id
                 JOIN applicants a ON a.id = m.applicant_id`,
        {
          to: new SqlExpr('a.email'),
          template: new SqlExpr(`'applications/' || ${source}.template`),
          // As dedupeKey() below.
          dedupeKey: new SqlExpr(`'application-message:' || ${name}.id || ':' || a.email`),
          data: new SqlExpr(
            `replace(${source}.email_data::text, ${marker}, ${jsonReference})::jsonb`,
          ),
        },
        params,
      )})`,
    ];
  }

  /** What a notice's email holds (its templates' data). */
  emailData(application: Application, notice: Notice, reference: string): JsonObject {
    return {
      subject: notice.subject,
      body: notice.body,
      reference,
      projectTitle: application.projectTitle,
      organisationName: application.organisation.name,
      roundTitle: application.round.title,
      fundName: application.round.fund.name,
      applicationUrl: `${this.config.PUBLIC_URL.replace(/\/+$/, '')}/applications/${application.id}`,
      ...(notice.data ?? {}),
    };
  }
}

/** One email per message per person, however often the job or request is retried. */
function dedupeKey(messageId: string, email: string): string {
  return `application-message:${messageId}:${email}`;
}
