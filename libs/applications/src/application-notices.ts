import { AppConfig, JsonObject, MailOutboxService } from '@grants/core';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Application } from './entities/application.entity';
import { ApplicationMessage, ApplicationMessageKind } from './entities/application-message.entity';

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
        // One email per message per person, however often the job or request is retried.
        dedupeKey: `application-message:${message.id}:${m.email}`,
        data: {
          subject: notice.subject,
          body: notice.body,
          reference: application.reference ?? '',
          projectTitle: application.projectTitle,
          organisationName: application.organisation.name,
          roundTitle: application.round.title,
          fundName: application.round.fund.name,
          applicationUrl: `${this.config.PUBLIC_URL.replace(/\/+$/, '')}/applications/${application.id}`,
          ...(notice.data ?? {}),
        },
      })),
    );
  }

  /** An answer from the applicant (kept, not emailed). */
  async record(
    manager: EntityManager,
    applicationId: string,
    kind: ApplicationMessageKind,
    subject: string,
    body: string,
  ): Promise<void> {
    await manager.insert(ApplicationMessage, {
      applicationId,
      kind,
      sender: 'applicant',
      subject,
      body,
    });
  }
}
