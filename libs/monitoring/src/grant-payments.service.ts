import {
  Actor,
  AuditService,
  Clock,
  formatCalendarDate,
  formatPence,
  hasControlCharacters,
  isIsoDate,
  isUuid,
  MailOutboxService,
  ukToday,
  ValidationException,
} from '@grants/core';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { GrantPayment } from './entities/grant-payment.entity';
import { GrantRecords } from './grant-records';
import { nextPaymentSequence } from './grant-money';
import { PaymentNotDueException, PaymentNotFoundException } from './monitoring.exceptions';

export const MAX_PAYMENT_REFERENCE = 100;

export interface PaymentInput {
  /** The UK date the money was paid (YYYY-MM-DD): today or earlier. */
  paidOn: string;
  amountPence: number;
  /** The finance system's reference for the payment (BACS run, invoice number). */
  reference: string;
}

/**
 * Finance records each instalment as it is paid. Paying less than the instalment splits it: the
 * part paid is recorded and the balance stays due, so what is owed is never lost.
 */
@Injectable()
export class GrantPaymentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly outbox: MailOutboxService,
    private readonly grants: GrantRecords,
    private readonly clock: Clock,
  ) {}

  forAward(awardId: string): Promise<GrantPayment[]> {
    return this.dataSource.manager.find(GrantPayment, {
      where: { awardId },
      order: { sequence: 'ASC' },
    });
  }

  async get(paymentId: string): Promise<GrantPayment> {
    const payment = isUuid(paymentId)
      ? await this.dataSource.manager.findOneBy(GrantPayment, { id: paymentId })
      : null;
    if (!payment) throw new PaymentNotFoundException();
    return payment;
  }

  async markPaid(actor: Actor, paymentId: string, input: PaymentInput): Promise<GrantPayment> {
    const { awardId } = await this.get(paymentId);
    const now = this.clock.now();
    const reference = input.reference.trim();
    const emailIds = await this.dataSource.transaction(async (manager) => {
      const award = await this.grants.lockLive(manager, awardId);
      const payment = await manager.findOneByOrFail(GrantPayment, { id: paymentId });
      if (payment.status !== 'due') throw new PaymentNotDueException(payment.status);
      const errors = paymentErrors(input, reference, payment.amountPence, ukToday(now));
      if (errors.length > 0) throw new ValidationException(errors);
      const balance = payment.amountPence - input.amountPence;
      await manager.update(
        GrantPayment,
        { id: payment.id },
        {
          status: 'paid',
          amountPence: input.amountPence,
          paidOn: input.paidOn,
          reference,
          recordedById: actor.id,
          recordedAt: now,
        },
      );
      if (balance > 0) {
        await manager.insert(GrantPayment, {
          awardId: award.id,
          sequence: await nextPaymentSequence(manager, award.id),
          label: `Balance of ${payment.label}`,
          amountPence: balance,
          status: 'due',
          afterReturnSequence: payment.afterReturnSequence,
          dueSince: now,
        });
      }
      await this.audit.record(manager, actor, {
        action: 'payment.paid',
        subjectType: 'award',
        subjectId: award.id,
        before: { payment: payment.sequence, status: 'due', amountPence: payment.amountPence },
        after: {
          status: 'paid',
          amountPence: input.amountPence,
          paidOn: input.paidOn,
          reference,
          ...(balance > 0 ? { balanceDuePence: balance } : {}),
        },
      });
      return this.grants.notify(manager, award, {
        kind: 'payment-made',
        subject: `Grant payment of ${formatPence(input.amountPence)}`,
        body: [
          `The office paid ${formatPence(input.amountPence)} of your grant on ${formatCalendarDate(input.paidOn)} (${payment.label}; reference ${reference}).`,
          ...(balance > 0
            ? ['', `The balance of ${formatPence(balance)} of this instalment is still to be paid.`]
            : []),
        ].join('\n'),
      });
    });
    await this.outbox.dispatch(emailIds);
    return this.dataSource.manager.findOneByOrFail(GrantPayment, { id: paymentId });
  }

  /**
   * Instalments finance can pay now, oldest first, across every live grant, each with its
   * application and organisation (one query, for the payments lists).
   */
  due(): Promise<GrantPayment[]> {
    return this.dataSource.manager.find(GrantPayment, {
      where: { status: 'due', award: { status: 'accepted' } },
      relations: { award: { application: { organisation: true } } },
      order: { dueSince: 'ASC', sequence: 'ASC' },
    });
  }
}

function paymentErrors(input: PaymentInput, reference: string, duePence: number, today: string) {
  const errors: { field: string; message: string }[] = [];
  if (!isIsoDate(input.paidOn))
    errors.push({ field: 'paidOn', message: 'Enter the date of the payment, like 27 3 2023' });
  else if (input.paidOn > today)
    errors.push({ field: 'paidOn', message: 'The payment date must be today or in the past' });
  if (!Number.isSafeInteger(input.amountPence) || input.amountPence <= 0)
    errors.push({ field: 'amount', message: 'Enter the amount paid, like £5,000.00' });
  else if (input.amountPence > duePence)
    errors.push({
      field: 'amount',
      message: `The amount paid must not be more than the ${formatPence(duePence)} due`,
    });
  if (!reference) errors.push({ field: 'reference', message: 'Enter the payment reference' });
  else if (reference.length > MAX_PAYMENT_REFERENCE || hasControlCharacters(reference))
    errors.push({
      field: 'reference',
      message: `The reference must be ${MAX_PAYMENT_REFERENCE} characters or fewer, letters, numbers and punctuation`,
    });
  return errors;
}
