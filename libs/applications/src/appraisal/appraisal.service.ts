import { Actor, AuditService, Clock, MailOutboxService, ValidationException } from '@grants/core';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { loadApplication, loadMessages } from '../application-loader';
import { ApplicationNotices } from '../application-notices';
import { ApplicationStatus, assertApplicationTransition } from '../application-status';
import { ApplicationNotFoundException, ReasonRequiredException } from '../applications.exceptions';
import { Application } from '../entities/application.entity';
import { ApplicationMessage } from '../entities/application-message.entity';

export const MAX_REASON_LENGTH = 5000;

export type AppraisalOutcome = 'eligible' | 'ineligible' | 'more-information';
export const APPRAISAL_OUTCOMES: AppraisalOutcome[] = [
  'eligible',
  'ineligible',
  'more-information',
];

export interface AppraisalInput {
  /** Checklist items confirmed (by their text, as the round lists them). */
  confirmed: string[];
  outcome?: AppraisalOutcome;
  /** Why it is ineligible, or the question for the applicant; optional note when eligible. */
  reason?: string;
  /**
   * Staff only, never sent: why it is eligible although an automatic check failed. Required then,
   * and kept in the audit log as an override.
   */
  overrideReason?: string;
}

/**
 * The grants officer's side: the checklist, the outcome (emailed to the applicant), and
 * reopening a submitted application for a correction. Each change is audited with its reason.
 */
@Injectable()
export class AppraisalService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly outbox: MailOutboxService,
    private readonly notices: ApplicationNotices,
    private readonly clock: Clock,
  ) {}

  /** Staff see what was sent in: a draft never submitted is the applicant's own. */
  async get(id: string): Promise<Application> {
    const application = await loadApplication(this.dataSource.manager, id);
    if (application.reference === null) throw new ApplicationNotFoundException();
    return application;
  }

  messages(id: string): Promise<ApplicationMessage[]> {
    return loadMessages(this.dataSource.manager, id);
  }

  /**
   * Records the checklist and, when given, the outcome. Eligible needs every checklist item
   * confirmed; ineligible needs the reason the applicant will read; more information needs the
   * question to ask.
   */
  async appraise(id: string, input: AppraisalInput, actor: Actor): Promise<Application> {
    const reason = input.reason?.trim() ?? '';
    const overrideReason = input.overrideReason?.trim() ?? '';
    for (const [field, text] of [
      ['reason', reason],
      ['overrideReason', overrideReason],
    ])
      if (text.length > MAX_REASON_LENGTH)
        throw new ValidationException([
          { field, message: `The reason must be ${MAX_REASON_LENGTH} characters or fewer` },
        ]);
    const emailIds = await this.dataSource.transaction(async (manager) => {
      const application = await loadApplication(manager, id, { lock: true });
      const from = application.status;
      if (from !== 'submitted') assertApplicationTransition(from, input.outcome ?? 'eligible');
      const items = application.round.appraisalChecklist;
      const unknown = input.confirmed.filter((item) => !items.includes(item));
      if (unknown.length > 0)
        throw new ValidationException([
          { field: 'confirmed', message: `Not on this round's checklist: ${unknown.join(', ')}` },
        ]);
      const checklist = Object.fromEntries(
        items.map((item) => [item, input.confirmed.includes(item)]),
      );
      const before = { status: from, checklist: application.appraisalChecklist };
      if (!input.outcome) {
        await manager.update(Application, { id }, { appraisalChecklist: checklist });
        await this.audit.record(manager, actor, {
          action: 'application.checklist-saved',
          subjectType: 'application',
          subjectId: id,
          before,
          after: { status: from, checklist },
        });
        return [];
      }
      const to: ApplicationStatus = input.outcome;
      assertApplicationTransition(from, to);
      const failedChecks = application.eligibilityChecks.filter((c) => !c.passed).map((c) => c.key);
      const overriding = to === 'eligible' && failedChecks.length > 0;
      this.assertOutcomeAllowed(
        input.outcome,
        items,
        checklist,
        reason,
        failedChecks,
        overrideReason,
      );
      await manager.update(
        Application,
        { id },
        {
          status: to,
          appraisalChecklist: checklist,
          outcomeReason: reason || null,
          appraisedById: actor.id,
          appraisedAt: this.clock.now(),
        },
      );
      application.status = to;
      await this.audit.record(manager, actor, {
        action: `application.${to}`,
        subjectType: 'application',
        subjectId: id,
        before,
        after: {
          status: to,
          checklist,
          // Marking eligible despite failed automatic checks is an override, kept with its reason.
          ...(overriding ? { overriddenChecks: failedChecks, note: reason || null } : {}),
        },
        reason: (overriding ? overrideReason : reason) || null,
      });
      return this.notify(manager, application, input.outcome, reason);
    });
    await this.outbox.dispatch(emailIds);
    return loadApplication(this.dataSource.manager, id);
  }

  /** Back to the applicant to correct; the reference and its standing against the deadline are kept. */
  async reopen(id: string, reason: string | undefined, actor: Actor): Promise<Application> {
    const text = reason?.trim() ?? '';
    if (!text)
      throw new ReasonRequiredException('reason', 'Enter what the applicant needs to correct');
    if (text.length > MAX_REASON_LENGTH)
      throw new ValidationException([
        { field: 'reason', message: `The reason must be ${MAX_REASON_LENGTH} characters or fewer` },
      ]);
    const emailIds = await this.dataSource.transaction(async (manager) => {
      const application = await loadApplication(manager, id, { lock: true });
      const from = application.status;
      assertApplicationTransition(from, 'returned');
      await manager.update(Application, { id }, { status: 'returned', outcomeReason: text });
      application.status = 'returned';
      await this.audit.record(manager, actor, {
        action: 'application.reopened',
        subjectType: 'application',
        subjectId: id,
        before: { status: from },
        after: { status: 'returned' },
        reason: text,
      });
      return this.notices.send(manager, application, {
        kind: 'reopened',
        template: 'application-notice',
        data: { action: 'reopened' },
        subject: `Application ${application.reference} reopened for a correction`,
        body: text,
      });
    });
    await this.outbox.dispatch(emailIds);
    return loadApplication(this.dataSource.manager, id);
  }

  private assertOutcomeAllowed(
    outcome: AppraisalOutcome,
    items: string[],
    checklist: Record<string, boolean>,
    reason: string,
    failedChecks: string[],
    overrideReason: string,
  ): void {
    if (outcome === 'eligible' && failedChecks.length > 0 && !overrideReason)
      throw new ReasonRequiredException(
        'overrideReason',
        'Some automatic checks failed: enter why the application is eligible all the same (for staff only, not sent to the applicant)',
      );
    if (outcome === 'eligible') {
      const missing = items.filter((item) => !checklist[item]);
      if (missing.length > 0)
        throw new ValidationException([
          {
            field: 'confirmed',
            message: `Confirm every checklist item before marking it eligible (not yet: ${missing.join(', ')})`,
          },
        ]);
    } else if (outcome === 'ineligible' && !reason) {
      throw new ReasonRequiredException(
        'reason',
        'Enter why the application is not eligible: the applicant is sent this',
      );
    } else if (outcome === 'more-information' && !reason) {
      throw new ReasonRequiredException(
        'reason',
        'Enter the information you need from the applicant: they are sent this',
      );
    }
  }

  private notify(
    manager: EntityManager,
    application: Application,
    outcome: AppraisalOutcome,
    reason: string,
  ): Promise<string[]> {
    const reference = application.reference ?? '';
    if (outcome === 'eligible')
      return this.notices.send(manager, application, {
        kind: 'eligible',
        template: 'application-notice',
        data: { action: 'eligible' },
        subject: `Application ${reference} is eligible`,
        body: `Your application ${reference} has passed the eligibility check and goes forward to the next stage of ${application.round.title}.${reason ? ` ${reason}` : ''}`,
      });
    if (outcome === 'ineligible')
      return this.notices.send(manager, application, {
        kind: 'ineligible',
        template: 'application-notice',
        data: { action: 'ineligible' },
        subject: `Application ${reference} is not eligible`,
        body: reason,
      });
    return this.notices.send(manager, application, {
      kind: 'more-information-requested',
      template: 'application-notice',
      data: { action: 'more-information' },
      subject: `We need more information about application ${reference}`,
      body: reason,
    });
  }
}
