import {
  Actor,
  AuditService,
  Clock,
  formatCalendarDate,
  formatPence,
  isUuid,
  MailOutboxService,
  ukToday,
  ValidationException,
} from '@grants/core';
import { Applicant, applicantActor } from '@grants/identity';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { GrantPayment } from './entities/grant-payment.entity';
import { MonitoringReturn } from './entities/monitoring-return.entity';
import { GrantRecords } from './grant-records';
import {
  ReturnNotFoundException,
  ReturnNotOpenException,
  ReturnPeriodNotOverException,
} from './monitoring.exceptions';
import { textErrors } from './grant-text';
import { isRagStatus, RAG_LABELS, RagStatus } from './rag-status';

export const MAX_RETURN_TEXT = 5000;
export const MAX_PEOPLE_REACHED = 10_000_000;

export interface ReturnAnswers {
  progress: string;
  spendToDatePence: number;
  peopleReached: number;
  outcomes: string;
  rag: string;
  /** Needed for amber or red. */
  ragReason: string;
  changesNeeded: string;
}

export interface ReturnReview {
  rag: string;
  comment: string;
  /** `accept`, or `more-information` with the question. */
  outcome: 'accept' | 'more-information';
  question: string;
}

export function returnTitle(r: Pick<MonitoringReturn, 'kind' | 'sequence'>): string {
  return r.kind === 'final' ? 'Final report' : `Monitoring return ${r.sequence}`;
}

/**
 * Monitoring returns: the grantee answers (and answers again when asked for more information);
 * an officer reviews with their own RAG status and either accepts the return, which releases
 * any payment waiting on it, or asks a question.
 */
@Injectable()
export class MonitoringReturnsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly outbox: MailOutboxService,
    private readonly grants: GrantRecords,
    private readonly clock: Clock,
  ) {}

  forAward(awardId: string): Promise<MonitoringReturn[]> {
    return this.dataSource.manager.find(MonitoringReturn, {
      where: { awardId },
      order: { sequence: 'ASC' },
    });
  }

  async get(returnId: string, manager = this.dataSource.manager): Promise<MonitoringReturn> {
    const found = isUuid(returnId)
      ? await manager.findOneBy(MonitoringReturn, { id: returnId })
      : null;
    if (!found) throw new ReturnNotFoundException();
    return found;
  }

  /** The return on the applicant's grant (404 unless they act for its organisation). */
  async forApplicant(
    applicant: Applicant,
    applicationId: string,
    returnId: string,
  ): Promise<MonitoringReturn> {
    const award = await this.grants.forApplicant(applicant, applicationId);
    const found = await this.get(returnId);
    if (found.awardId !== award.id) throw new ReturnNotFoundException();
    return found;
  }

  async submit(
    applicant: Applicant,
    applicationId: string,
    returnId: string,
    answers: ReturnAnswers,
  ): Promise<MonitoringReturn> {
    const { awardId } = await this.forApplicant(applicant, applicationId, returnId);
    const clean = checkAnswers(answers);
    const now = this.clock.now();
    const emailIds = await this.dataSource.transaction(async (manager) => {
      // The award's lock first, as every change to a grant takes it: no deadlock with a variation.
      const award = await this.grants.lockLive(manager, awardId);
      const found = await this.lockReturn(manager, returnId);
      if (found.status !== 'due' && found.status !== 'more-information')
        throw new ReturnNotOpenException('answer');
      // A return reports on its period: it can be sent from the period's last day.
      if (ukToday(now) < found.periodEndOn)
        throw new ReturnPeriodNotOverException(found.periodEndOn);
      await manager.update(
        MonitoringReturn,
        { id: found.id },
        { ...clean, status: 'submitted', submittedAt: now, submittedByApplicantId: applicant.id },
      );
      await this.audit.record(manager, applicantActor(applicant), {
        action: 'return.submitted',
        subjectType: 'monitoring-return',
        subjectId: found.id,
        before: { status: found.status },
        after: {
          status: 'submitted',
          rag: clean.granteeRag,
          spendToDatePence: clean.spendToDatePence,
        },
      });
      return this.grants.notify(manager, award, {
        kind: 'return-submitted',
        subject: `${returnTitle(found)} received`,
        body: `Thank you: the grants team has your ${returnTitle(found).toLowerCase()} for ${formatCalendarDate(found.periodStartOn)} to ${formatCalendarDate(found.periodEndOn)} and will review it.`,
      });
    });
    await this.outbox.dispatch(emailIds);
    return this.get(returnId);
  }

  async review(actor: Actor, returnId: string, input: ReturnReview): Promise<MonitoringReturn> {
    const { awardId } = await this.get(returnId);
    const errors: { field: string; message: string }[] = [];
    const comment = input.comment.trim();
    const question = input.question.trim();
    if (!isRagStatus(input.rag))
      errors.push({ field: 'rag', message: 'Choose the RAG status you give the project' });
    errors.push(...textErrors('comment', comment, MAX_RETURN_TEXT));
    if (input.outcome !== 'accept' && input.outcome !== 'more-information')
      errors.push({
        field: 'outcome',
        message: 'Choose whether to accept the return or ask for more information',
      });
    if (input.outcome === 'more-information' && !question)
      errors.push({ field: 'question', message: 'Enter what the grantee needs to tell you' });
    else errors.push(...textErrors('question', question, MAX_RETURN_TEXT));
    if (errors.length > 0) throw new ValidationException(errors);
    const rag = input.rag as RagStatus;
    const now = this.clock.now();
    const emailIds = await this.dataSource.transaction(async (manager) => {
      const award = await this.grants.lockLive(manager, awardId);
      const found = await this.lockReturn(manager, returnId);
      if (found.status !== 'submitted') throw new ReturnNotOpenException('review');
      const accepted = input.outcome === 'accept';
      const to = accepted ? 'accepted' : 'more-information';
      await manager.update(
        MonitoringReturn,
        { id: found.id },
        {
          status: to,
          officerRag: rag,
          officerComment: comment || null,
          question: accepted ? found.question : question,
          reviewedAt: now,
          reviewedById: actor.id,
        },
      );
      const released = accepted ? await this.releasePayments(manager, found, now) : [];
      await this.audit.record(manager, actor, {
        action: accepted ? 'return.accepted' : 'return.more-information',
        subjectType: 'monitoring-return',
        subjectId: found.id,
        before: { status: found.status, rag: found.granteeRag },
        after: {
          status: to,
          officerRag: rag,
          ...(released.length ? { paymentsDue: released.map((p) => p.sequence) } : {}),
        },
        reason: accepted ? comment || null : question,
      });
      return this.grants.notify(manager, award, {
        kind: accepted ? 'return-accepted' : 'return-more-information',
        subject: accepted
          ? `${returnTitle(found)} accepted`
          : `${returnTitle(found)}: the grants team needs more information`,
        body: accepted
          ? [
              `The grants team has accepted your ${returnTitle(found).toLowerCase()}, with the status ${RAG_LABELS[rag].toLowerCase()}.`,
              ...(comment ? ['', comment] : []),
              ...released.map(
                (p) => `\nThe next payment (${p.label}, ${formatPence(p.amountPence)}) is now due.`,
              ),
            ].join('\n')
          : [
              `The grants team needs more information about your ${returnTitle(found).toLowerCase()}:`,
              '',
              question,
              '',
              'Answer by changing the return and sending it again from your grant page.',
            ].join('\n'),
      });
    });
    await this.outbox.dispatch(emailIds);
    return this.get(returnId);
  }

  private async lockReturn(manager: EntityManager, returnId: string): Promise<MonitoringReturn> {
    const found = await manager.findOne(MonitoringReturn, {
      where: { id: returnId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!found) throw new ReturnNotFoundException();
    return found;
  }

  /** Instalments that waited on this return fall due now. */
  private async releasePayments(
    manager: EntityManager,
    accepted: MonitoringReturn,
    now: Date,
  ): Promise<GrantPayment[]> {
    const waiting = await manager.findBy(GrantPayment, {
      awardId: accepted.awardId,
      afterReturnSequence: accepted.sequence,
      status: 'scheduled',
    });
    for (const p of waiting)
      await manager.update(GrantPayment, { id: p.id }, { status: 'due', dueSince: now });
    return waiting;
  }
}

function checkAnswers(answers: ReturnAnswers) {
  const errors: { field: string; message: string }[] = [];
  const text = (field: keyof ReturnAnswers, required: string | null) => {
    const value = String(answers[field] ?? '').trim();
    errors.push(...textErrors(field, value, MAX_RETURN_TEXT, required ?? undefined));
    return value;
  };
  const progress = text('progress', 'Describe the progress the project has made');
  const outcomes = text(
    'outcomes',
    'Describe the outcomes so far, against those in your application',
  );
  const changesNeeded = text('changesNeeded', null);
  const rag = answers.rag;
  if (!isRagStatus(rag))
    errors.push({
      field: 'rag',
      message: 'Choose green, amber or red for how the project is going',
    });
  const ragReason = text(
    'ragReason',
    rag === 'amber' || rag === 'red' ? 'Explain why the project is amber or red' : null,
  );
  if (!Number.isSafeInteger(answers.spendToDatePence) || answers.spendToDatePence < 0)
    errors.push({ field: 'spendToDate', message: 'Enter the grant spent so far, like £2,500.00' });
  if (
    !Number.isSafeInteger(answers.peopleReached) ||
    answers.peopleReached < 0 ||
    answers.peopleReached > MAX_PEOPLE_REACHED
  )
    errors.push({ field: 'peopleReached', message: 'Enter the number of people reached, like 40' });
  if (errors.length > 0) throw new ValidationException(errors);
  return {
    progress,
    outcomes,
    changesNeeded: changesNeeded || null,
    granteeRag: rag as RagStatus,
    granteeRagReason: ragReason || null,
    spendToDatePence: answers.spendToDatePence,
    peopleReached: answers.peopleReached,
  };
}
