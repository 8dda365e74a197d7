import {
  Actor,
  AuditService,
  Clock,
  formatPence,
  MailOutboxService,
  ValidationException,
} from '@grants/core';
import { assertAwardTransition, Award } from '@grants/awards';
import { RoundBudgetService } from '@grants/funds';
import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { GrantPayment } from './entities/grant-payment.entity';
import { MonitoringReturn } from './entities/monitoring-return.entity';
import { GrantRecords } from './grant-records';
import { paidPence } from './grant-money';
import { textErrors } from './grant-text';
import { FinalReportOutstandingException, PaymentsDueException } from './monitoring.exceptions';

export const CLOSURE_OUTCOMES = ['completed', 'ended-early'] as const;
export type ClosureOutcome = (typeof CLOSURE_OUTCOMES)[number];
export const MAX_CLOSURE_NOTE = 5000;

export interface ClosureInput {
  outcome: ClosureOutcome;
  /** Unspent grant the organisation paid back (pence, at most what was paid). */
  returnedPence: number;
  /** Needed when the grant ended early. */
  note: string;
}

/**
 * Closing a grant: its final status, what was paid back unspent, and the money it will never use
 * (unpaid instalments, and anything returned) given back to the round's budget, so the round's
 * commitment to it is exactly what it kept.
 */
@Injectable()
export class AwardClosureService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly outbox: MailOutboxService,
    private readonly grants: GrantRecords,
    private readonly budget: RoundBudgetService,
    private readonly clock: Clock,
  ) {}

  async close(actor: Actor, awardId: string, input: ClosureInput): Promise<Award> {
    await this.grants.get(awardId);
    const note = input.note.trim();
    const now = this.clock.now();
    const emailIds = await this.dataSource.transaction(async (manager) => {
      const award = await this.grants.lockLive(manager, awardId);
      assertAwardTransition(award.status, 'closed');
      const paid = await paidPence(manager, award.id);
      checkClosure(input, note, paid);
      if (input.outcome === 'completed') {
        const finalReport = await manager.findOneBy(MonitoringReturn, {
          awardId: award.id,
          kind: 'final',
        });
        if (finalReport?.status !== 'accepted') throw new FinalReportOutstandingException();
      }
      const unpaid = await manager.findBy(GrantPayment, {
        awardId: award.id,
        status: In(['scheduled', 'due']),
      });
      // A completed grant is owed what has fallen due: pay it before closing. Ending early
      // stops the money that has not been paid, due or not.
      if (input.outcome === 'completed' && unpaid.some((p) => p.status === 'due'))
        throw new PaymentsDueException();
      await manager.update(
        GrantPayment,
        { awardId: award.id, status: In(['scheduled', 'due']) },
        { status: 'cancelled' },
      );
      const kept = paid - input.returnedPence;
      if (kept > 0) await this.budget.commit(manager, award.roundId, award.applicationId, kept);
      else await this.budget.release(manager, award.roundId, award.applicationId);
      await manager.update(
        Award,
        { id: award.id },
        {
          status: 'closed',
          closedAt: now,
          closedOutcome: input.outcome,
          closureNote: note || null,
          returnedPence: input.returnedPence,
        },
      );
      const released = award.amountPence - kept;
      await this.audit.record(manager, actor, {
        action: 'award.closed',
        subjectType: 'award',
        subjectId: award.id,
        before: { status: award.status, amountPence: award.amountPence, paidPence: paid },
        after: {
          status: 'closed',
          outcome: input.outcome,
          returnedPence: input.returnedPence,
          cancelledPayments: unpaid.map((p) => p.sequence),
          spentPence: kept,
          releasedPence: released,
        },
        reason: note || null,
      });
      return this.grants.notify(manager, award, {
        kind: 'grant-closed',
        subject: 'Your grant has been closed',
        body: [
          input.outcome === 'completed'
            ? 'The grants team has closed your grant: the project is complete and its final report accepted. Thank you.'
            : 'The grants team has closed your grant before the project was completed.',
          '',
          `Grant: ${formatPence(award.amountPence)}. Paid: ${formatPence(paid)}.${input.returnedPence > 0 ? ` Returned unspent: ${formatPence(input.returnedPence)}.` : ''}`,
          ...(note ? ['', note] : []),
        ].join('\n'),
      });
    });
    await this.outbox.dispatch(emailIds);
    return this.grants.get(awardId);
  }
}

function checkClosure(input: ClosureInput, note: string, paid: number) {
  const errors: { field: string; message: string }[] = [];
  if (!(CLOSURE_OUTCOMES as readonly string[]).includes(input.outcome))
    errors.push({
      field: 'outcome',
      message: 'Choose whether the project was completed or ended early',
    });
  if (!Number.isSafeInteger(input.returnedPence) || input.returnedPence < 0)
    errors.push({ field: 'returned', message: 'Enter the unspent money paid back, or 0' });
  else if (input.returnedPence > paid)
    errors.push({
      field: 'returned',
      message: `Money paid back cannot be more than the ${formatPence(paid)} paid`,
    });
  if (input.outcome === 'ended-early' && !note)
    errors.push({ field: 'note', message: 'Explain why the grant ended early' });
  errors.push(...textErrors('note', note, MAX_CLOSURE_NOTE));
  if (errors.length > 0) throw new ValidationException(errors);
}
