import {
  AuditService,
  Clock,
  formatPence,
  hasControlCharacters,
  MailOutboxService,
  ValidationException,
} from '@grants/core';
import { ApplicationNotices, ApplicationsService, loadApplication } from '@grants/applications';
import { RoundBudgetService } from '@grants/funds';
import { Applicant, applicantActor } from '@grants/identity';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { assertAwardTransition, AwardStatus } from './award-status';
import { Award } from './entities/award.entity';
import { AwardNotFoundException } from './awards.exceptions';

export const MAX_ANSWER_TEXT = 200;
export const MAX_DECLINE_REASON = 2000;

export interface AcceptInput {
  /** The person accepting for the organisation, as they sign. */
  name: string;
  /** Their role in the organisation ("Chair of trustees"). */
  role: string;
  /** They confirm they may accept for the organisation and accept the conditions. */
  confirmed: boolean;
}

/**
 * The organisation's answer to an offer: a named member accepts it on the conditions, or
 * declines it with a reason, which gives the money back to the round. Each answer is audited
 * and noticed to every member, once.
 */
@Injectable()
export class AwardAcceptanceService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly outbox: MailOutboxService,
    private readonly notices: ApplicationNotices,
    private readonly applications: ApplicationsService,
    private readonly budget: RoundBudgetService,
    private readonly clock: Clock,
  ) {}

  /** The award on the applicant's application (404 unless they act for its organisation). */
  async forApplicant(applicant: Applicant, applicationId: string): Promise<Award> {
    await this.applications.get(applicant, applicationId);
    const award = await this.dataSource.manager.findOneBy(Award, { applicationId });
    if (!award) throw new AwardNotFoundException();
    return award;
  }

  async accept(applicant: Applicant, applicationId: string, input: AcceptInput): Promise<Award> {
    const name = input.name.trim();
    const role = input.role.trim();
    const errors = [
      ...personErrors('name', name, 'Enter the full name of the person accepting'),
      ...personErrors('role', role, 'Enter their role in the organisation, like Chair of trustees'),
      ...(input.confirmed
        ? []
        : [
            {
              field: 'confirmed',
              message:
                'Confirm that you may accept grants for the organisation and that it accepts the conditions',
            },
          ]),
    ];
    if (errors.length > 0) throw new ValidationException(errors);
    return this.answer(applicant, applicationId, 'accepted', {
      answeredByName: name,
      answeredByRole: role,
    });
  }

  /** Declining gives the money back to the round's budget. */
  async decline(applicant: Applicant, applicationId: string, reason: string): Promise<Award> {
    const text = reason.trim();
    if (!text || text.length > MAX_DECLINE_REASON)
      throw new ValidationException([
        {
          field: 'reason',
          message: text
            ? `The reason must be ${MAX_DECLINE_REASON} characters or fewer`
            : 'Enter why the organisation is declining the grant',
        },
      ]);
    return this.answer(applicant, applicationId, 'declined', { declineReason: text });
  }

  private async answer(
    applicant: Applicant,
    applicationId: string,
    to: AwardStatus,
    values: Partial<Award>,
  ): Promise<Award> {
    await this.forApplicant(applicant, applicationId);
    const emailIds = await this.dataSource.transaction(async (manager) => {
      const award = await manager.findOne(Award, {
        where: { applicationId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!award) throw new AwardNotFoundException();
      assertAwardTransition(award.status, to);
      await manager.update(
        Award,
        { id: award.id },
        {
          status: to,
          answeredAt: this.clock.now(),
          answeredByApplicantId: applicant.id,
          ...values,
        },
      );
      if (to === 'declined') await this.budget.release(manager, award.roundId, applicationId);
      await this.audit.record(manager, applicantActor(applicant), {
        action: `award.${to}`,
        subjectType: 'award',
        subjectId: award.id,
        before: { status: award.status },
        after: { status: to, ...(to === 'declined' ? { releasedPence: award.amountPence } : {}) },
        reason: values.declineReason ?? null,
      });
      const application = await loadApplication(manager, applicationId);
      return this.notices.send(manager, application, {
        kind: to === 'accepted' ? 'award-accepted' : 'award-declined',
        template: 'application-notice',
        subject:
          to === 'accepted'
            ? `Grant accepted: ${application.reference}`
            : `Grant declined: ${application.reference}`,
        body:
          to === 'accepted'
            ? `${values.answeredByName} (${values.answeredByRole}) accepted the grant of ${formatPence(award.amountPence)} for the organisation, on the conditions of the offer. The grants team will be in touch about payment and reporting.`
            : `The organisation declined the grant of ${formatPence(award.amountPence)}, for this reason: ${values.declineReason}`,
      });
    });
    await this.outbox.dispatch(emailIds);
    return this.dataSource.manager.findOneByOrFail(Award, { applicationId });
  }
}

function personErrors(field: string, text: string, missing: string) {
  if (!text) return [{ field, message: missing }];
  if (text.length > MAX_ANSWER_TEXT)
    return [{ field, message: `This must be ${MAX_ANSWER_TEXT} characters or fewer` }];
  if (hasControlCharacters(text))
    return [{ field, message: 'This contains characters that cannot be shown' }];
  return [];
}
