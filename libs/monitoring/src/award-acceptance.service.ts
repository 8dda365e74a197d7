import {
  AuditService,
  Clock,
  formatCalendarDate,
  formatPence,
  hasControlCharacters,
  MailOutboxService,
  ukToday,
  ValidationException,
} from '@grants/core';
import { Application, loadApplication } from '@grants/applications';
import { assertAwardTransition, Award, AwardNotFoundException, AwardStatus } from '@grants/awards';
import { RoundBudgetService } from '@grants/funds';
import { Applicant, applicantActor } from '@grants/identity';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { GrantPayment } from './entities/grant-payment.entity';
import { MonitoringReturn } from './entities/monitoring-return.entity';
import { GrantRecords } from './grant-records';
import { GrantPlan, planForApplication } from './grant-schedule';
import { OfferLapsedException } from './monitoring.exceptions';
import { offerHasLapsed } from './reminder-rules';

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
 * The organisation's answer to an offer: a named member accepts it on the conditions, which
 * starts the grant's payment and monitoring schedule, or declines it with a reason, which gives
 * the money back to the round. Each answer is audited and noticed to every member, once.
 */
@Injectable()
export class AwardAcceptanceService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly outbox: MailOutboxService,
    private readonly grants: GrantRecords,
    private readonly budget: RoundBudgetService,
    private readonly clock: Clock,
  ) {}

  forApplicant(applicant: Applicant, applicationId: string): Promise<Award> {
    return this.grants.forApplicant(applicant, applicationId);
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
    await this.grants.forApplicant(applicant, applicationId);
    const now = this.clock.now();
    const emailIds = await this.dataSource.transaction(async (manager) => {
      const award = await manager.findOne(Award, {
        where: { applicationId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!award) throw new AwardNotFoundException();
      assertAwardTransition(award.status, to);
      // The sweep that lapses offers runs every few minutes: the deadline holds in between.
      if (award.offerExpiresOn && offerHasLapsed(award.offerExpiresOn, now))
        throw new OfferLapsedException(award.offerExpiresOn);
      const application = await loadApplication(manager, applicationId);
      const plan =
        to === 'accepted' ? await this.startSchedule(manager, award, application, now) : null;
      await manager.update(
        Award,
        { id: award.id },
        {
          status: to,
          answeredAt: now,
          answeredByApplicantId: applicant.id,
          ...values,
          ...(plan ? { plannedStartOn: plan.startOn, plannedEndOn: plan.endOn } : {}),
        },
      );
      if (to === 'declined') await this.budget.release(manager, award.roundId, applicationId);
      await this.audit.record(manager, applicantActor(applicant), {
        action: `award.${to}`,
        subjectType: 'award',
        subjectId: award.id,
        before: { status: award.status },
        after: {
          status: to,
          ...(to === 'declined' ? { releasedPence: award.amountPence } : {}),
          ...(plan
            ? {
                plannedStartOn: plan.startOn,
                plannedEndOn: plan.endOn,
                payments: plan.payments.length,
                returns: plan.returns.length,
              }
            : {}),
        },
        reason: values.declineReason ?? null,
      });
      return this.grants.notify(manager, application, {
        kind: to === 'accepted' ? 'award-accepted' : 'award-declined',
        subject: `Grant ${to}: ${application.reference}`,
        body: plan
          ? acceptedBody(award, values, plan)
          : `The organisation declined the grant of ${formatPence(award.amountPence)}, for this reason: ${values.declineReason}`,
      });
    });
    await this.outbox.dispatch(emailIds);
    return this.dataSource.manager.findOneByOrFail(Award, { applicationId });
  }

  /** The payments and monitoring returns of the standard schedule, from the project's dates. */
  private async startSchedule(
    manager: EntityManager,
    award: Award,
    application: Application,
    now: Date,
  ): Promise<GrantPlan> {
    const plan = planForApplication(award.amountPence, application, ukToday(now));
    await manager.insert(
      GrantPayment,
      plan.payments.map((p) => ({
        awardId: award.id,
        sequence: p.sequence,
        label: p.label,
        amountPence: p.amountPence,
        afterReturnSequence: p.afterReturnSequence,
        status: p.afterReturnSequence === null ? ('due' as const) : ('scheduled' as const),
        dueSince: p.afterReturnSequence === null ? now : null,
      })),
    );
    await manager.insert(
      MonitoringReturn,
      plan.returns.map((r) => ({ awardId: award.id, ...r, status: 'due' as const })),
    );
    return plan;
  }
}

function acceptedBody(award: Award, values: Partial<Award>, plan: GrantPlan): string {
  return [
    `${values.answeredByName} (${values.answeredByRole}) accepted the grant of ${formatPence(award.amountPence)} for the organisation, on the conditions of the offer.`,
    '',
    `The project runs from ${formatCalendarDate(plan.startOn)} to ${formatCalendarDate(plan.endOn)}.`,
    '',
    'Payments:',
    ...plan.payments.map((p) => `- ${p.label}: ${formatPence(p.amountPence)}`),
    '',
    'Monitoring returns:',
    ...plan.returns.map(
      (r) =>
        `- ${r.kind === 'final' ? 'Final report' : `Return ${r.sequence}`}, due by ${formatCalendarDate(r.dueOn)}`,
    ),
  ].join('\n');
}

function personErrors(field: string, text: string, missing: string) {
  if (!text) return [{ field, message: missing }];
  if (text.length > MAX_ANSWER_TEXT)
    return [{ field, message: `This must be ${MAX_ANSWER_TEXT} characters or fewer` }];
  if (hasControlCharacters(text))
    return [{ field, message: 'This contains characters that cannot be shown' }];
  return [];
}
