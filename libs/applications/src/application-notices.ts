import {
  AppConfig,
  JsonObject,
  MailOutboxService,
  SqlExpr,
  StatementParams,
  StatementSlot,
} from '@grants/core';
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
   * The same notice as steps of a one-statement write (see @grants/core's statement-parts), for
   * each row of `source` (a CTE with the application's `id`): the applicant's message it answers,
   * if any, then the notice (inserted in that order, as two statements would), then its email to
   * every member; named `<name>` and `<name>_emails` (which returns the emails' ids).
   * `reference` is the reference the statement issues; the notice's texts hold its marker.
   */
  insertSteps(
    name: string,
    source: string,
    application: Application,
    notice: Notice,
    answering: ApplicantMessage | null,
    reference: StatementSlot,
    params: StatementParams,
  ): string[] {
    const text = (value: string | undefined) => params.value(value ?? null, 'text');
    const members = `${name}, ${source} JOIN organisation_members m ON m.organisation_id = ${params.value(application.organisationId, 'uuid')}
                       JOIN applicants a ON a.id = m.applicant_id`;
    return [
      `${name}_messages AS (
         INSERT INTO application_messages (application_id, kind, sender, subject, body)
         SELECT ${source}.id, message.kind, message.sender, message.subject, message.body
           FROM ${source} CROSS JOIN LATERAL (VALUES
                  (1, ${text(answering?.kind)}, 'applicant', ${text(answering?.subject)}, ${text(answering?.body)}),
                  (2, ${text(notice.kind)}, 'office', ${reference.text(params, notice.subject).sql},
                      ${reference.text(params, notice.body).sql})
                ) AS message (position, kind, sender, subject, body)
          WHERE message.sender = 'office' OR ${params.value(answering !== null, 'boolean')}
          ORDER BY message.position
         RETURNING id, sender)`,
      `${name} AS (SELECT id FROM ${name}_messages WHERE sender = 'office')`,
      `${name}_emails AS (${this.outbox.insertStep(
        members,
        {
          to: new SqlExpr('a.email'),
          template: `applications/${notice.template}`,
          // As dedupeKey() below.
          dedupeKey: new SqlExpr(`'application-message:' || ${name}.id || ':' || a.email`),
          data: reference.json(params, this.emailData(application, notice, reference.marker)),
        },
        params,
      )})`,
    ];
  }

  private emailData(application: Application, notice: Notice, reference: string): JsonObject {
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
