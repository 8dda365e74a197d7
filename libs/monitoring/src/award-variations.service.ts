import {
  Actor,
  addDays,
  AuditService,
  Clock,
  formatCalendarDate,
  formatPence,
  isIsoDate,
  isUuid,
  MailOutboxService,
  ukToday,
  ValidationException,
} from '@grants/core';
import { Award } from '@grants/awards';
import { RoundBudgetService } from '@grants/funds';
import { Applicant, applicantActor } from '@grants/identity';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In, QueryFailedError } from 'typeorm';
import { AwardVariation } from './entities/award-variation.entity';
import { GrantPayment } from './entities/grant-payment.entity';
import { MonitoringReturn } from './entities/monitoring-return.entity';
import { GrantRecords } from './grant-records';
import { FINAL_REPORT_DUE_DAYS } from './grant-schedule';
import {
  VariationDecidedException,
  VariationNotFoundException,
  VariationOpenException,
} from './monitoring.exceptions';
import { nextPaymentSequence, paidPence } from './grant-money';
import { textErrors } from './grant-text';

export const MAX_VARIATION_TEXT = 5000;

export interface VariationRequest {
  /** The whole grant as it should be, in pence (null: unchanged). */
  newAmountPence: number | null;
  /** The project's new last day (null: unchanged). */
  newEndOn: string | null;
  /** Money moved between budget lines, in the grantee's words (empty: none). */
  budgetChanges: string;
  reason: string;
}

/**
 * Changes to a live grant. The grantee asks (one request at a time); an officer approves, which
 * changes the award, its commitment against the round's budget and its unpaid instalments in one
 * transaction, or declines with the reason. Both are audited and noticed.
 */
@Injectable()
export class AwardVariationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly outbox: MailOutboxService,
    private readonly grants: GrantRecords,
    private readonly budget: RoundBudgetService,
    private readonly clock: Clock,
  ) {}

  forAward(awardId: string): Promise<AwardVariation[]> {
    return this.dataSource.manager.find(AwardVariation, {
      where: { awardId },
      order: { createdAt: 'ASC' },
    });
  }

  async get(variationId: string): Promise<AwardVariation> {
    const found = isUuid(variationId)
      ? await this.dataSource.manager.findOneBy(AwardVariation, { id: variationId })
      : null;
    if (!found) throw new VariationNotFoundException();
    return found;
  }

  /** Requests waiting for an officer, oldest first. */
  open(): Promise<AwardVariation[]> {
    return this.dataSource.manager.find(AwardVariation, {
      where: { status: 'requested' },
      relations: { award: true },
      order: { createdAt: 'ASC' },
    });
  }

  async request(
    applicant: Applicant,
    applicationId: string,
    input: VariationRequest,
  ): Promise<AwardVariation> {
    const { id: awardId } = await this.grants.forApplicant(applicant, applicationId);
    const reason = input.reason.trim();
    const budgetChanges = input.budgetChanges.trim();
    try {
      const { variation, emailIds } = await this.dataSource.transaction(async (manager) => {
        const award = await this.grants.lockLive(manager, awardId);
        const paid = await paidPence(manager, award.id);
        checkRequest(input, reason, budgetChanges, award, paid, ukToday(this.clock.now()));
        const saved = await manager.save(
          manager.create(AwardVariation, {
            awardId: award.id,
            previousAmountPence: award.amountPence,
            previousEndOn: award.plannedEndOn,
            newAmountPence: input.newAmountPence,
            newEndOn: input.newEndOn,
            budgetChanges: budgetChanges || null,
            reason,
            requestedByApplicantId: applicant.id,
          }),
        );
        await this.audit.record(manager, applicantActor(applicant), {
          action: 'variation.requested',
          subjectType: 'award',
          subjectId: award.id,
          before: { amountPence: award.amountPence, plannedEndOn: award.plannedEndOn },
          after: { variationId: saved.id, ...changes(saved) },
          reason,
        });
        const ids = await this.grants.notify(manager, award, {
          kind: 'variation-requested',
          subject: 'Change to your grant requested',
          body: [
            'The grants team has your request to change the grant:',
            '',
            ...describe(saved),
          ].join('\n'),
        });
        return { variation: saved, emailIds: ids };
      });
      await this.outbox.dispatch(emailIds);
      return variation;
    } catch (err) {
      if (err instanceof QueryFailedError && /award_variations_one_open_key/.test(err.message))
        throw new VariationOpenException();
      throw err;
    }
  }

  async decide(
    actor: Actor,
    variationId: string,
    approve: boolean,
    reasonText: string,
  ): Promise<AwardVariation> {
    const { awardId } = await this.get(variationId);
    const reason = reasonText.trim();
    const reasonErrors = textErrors(
      'reason',
      reason,
      MAX_VARIATION_TEXT,
      approve ? undefined : 'Enter why the change is declined',
    );
    if (reasonErrors.length > 0) throw new ValidationException(reasonErrors);
    const now = this.clock.now();
    const emailIds = await this.dataSource.transaction(async (manager) => {
      const award = await this.grants.lockLive(manager, awardId);
      const variation = await manager.findOneByOrFail(AwardVariation, { id: variationId });
      if (variation.status !== 'requested') throw new VariationDecidedException();
      if (approve) await this.apply(manager, award, variation);
      await manager.update(
        AwardVariation,
        { id: variation.id },
        {
          status: approve ? 'approved' : 'declined',
          decidedById: actor.id,
          decidedAt: now,
          decisionReason: reason || null,
        },
      );
      await this.audit.record(manager, actor, {
        action: approve ? 'variation.approved' : 'variation.declined',
        subjectType: 'award',
        subjectId: award.id,
        before: { amountPence: award.amountPence, plannedEndOn: award.plannedEndOn },
        after: { variationId: variation.id, ...(approve ? changes(variation) : {}) },
        reason: reason || null,
      });
      return this.grants.notify(manager, award, {
        kind: approve ? 'variation-approved' : 'variation-declined',
        subject: approve ? 'Change to your grant approved' : 'Change to your grant declined',
        body: [
          approve
            ? 'The grants team has approved the change to your grant:'
            : 'The grants team has declined the change you asked for:',
          '',
          ...describe(variation),
          ...(reason ? ['', reason] : []),
        ].join('\n'),
      });
    });
    await this.outbox.dispatch(emailIds);
    return this.get(variationId);
  }

  /** The approved change, everywhere it shows: award, budget commitment, instalments, final report. */
  private async apply(manager: EntityManager, award: Award, v: AwardVariation): Promise<void> {
    if (v.newAmountPence !== null && v.newAmountPence !== award.amountPence) {
      const paid = await paidPence(manager, award.id);
      if (v.newAmountPence < paid)
        throw new ValidationException([
          {
            field: 'newAmount',
            message: `The grant cannot be less than the ${formatPence(paid)} already paid`,
          },
        ]);
      // Refused (and nothing written) when the round's budget cannot cover an increase.
      await this.budget.commit(manager, award.roundId, award.applicationId, v.newAmountPence);
      await this.adjustInstalments(manager, award.id, v.newAmountPence - award.amountPence);
      await manager.update(Award, { id: award.id }, { amountPence: v.newAmountPence });
    }
    if (v.newEndOn !== null && v.newEndOn !== award.plannedEndOn) {
      await manager.update(Award, { id: award.id }, { plannedEndOn: v.newEndOn });
      // The final report covers the whole project, so it moves with the end; quarters keep their dates.
      await manager.update(
        MonitoringReturn,
        { awardId: award.id, kind: 'final', status: In(['due', 'more-information']) },
        { periodEndOn: v.newEndOn, dueOn: addDays(v.newEndOn, FINAL_REPORT_DUE_DAYS) },
      );
      await this.dropQuartersAfter(manager, award.id, v.newEndOn);
    }
  }

  /**
   * A shorter project has no quarter ending on or after its new end (as a new schedule would
   * not): those returns not yet sent go, and a payment that waited on one waits on the final report.
   */
  private async dropQuartersAfter(manager: EntityManager, awardId: string, endOn: string) {
    const dropped = await manager
      .createQueryBuilder(MonitoringReturn, 'r')
      .where(`r.award_id = :awardId AND r.kind = 'quarterly' AND r.status = 'due'`, { awardId })
      .andWhere('r.period_end_on >= :endOn', { endOn })
      .getMany();
    if (dropped.length === 0) return;
    const finalReport = await manager.findOneByOrFail(MonitoringReturn, { awardId, kind: 'final' });
    await manager.update(
      GrantPayment,
      {
        awardId,
        status: 'scheduled',
        afterReturnSequence: In(dropped.map((r) => r.sequence)),
      },
      {
        afterReturnSequence: finalReport.sequence,
        label: 'After the final report (project shortened)',
      },
    );
    await manager.delete(MonitoringReturn, { id: In(dropped.map((r) => r.id)) });
  }

  /**
   * An increase goes on the instalment paid last; a decrease comes off the last ones first.
   * "Last" is by when each falls due (the one waiting on the latest return), not by number: a
   * part-payment's balance is numbered after the rest but is due now.
   */
  private async adjustInstalments(
    manager: EntityManager,
    awardId: string,
    difference: number,
  ): Promise<void> {
    const unpaid = (
      await manager.find(GrantPayment, {
        where: { awardId, status: In(['scheduled', 'due']) },
        order: { sequence: 'ASC' },
      })
    ).sort(
      (a, b) =>
        (b.afterReturnSequence ?? 0) - (a.afterReturnSequence ?? 0) || b.sequence - a.sequence,
    );
    if (difference > 0) {
      if (unpaid.length > 0)
        await manager.update(
          GrantPayment,
          { id: unpaid[0].id },
          { amountPence: unpaid[0].amountPence + difference },
        );
      else {
        await manager.insert(GrantPayment, {
          awardId,
          sequence: await nextPaymentSequence(manager, awardId),
          label: 'Increase agreed in a variation',
          amountPence: difference,
          status: 'due',
          afterReturnSequence: null,
          dueSince: this.clock.now(),
        });
      }
      return;
    }
    let remaining = -difference;
    for (const p of unpaid) {
      if (remaining === 0) break;
      const cut = Math.min(remaining, p.amountPence);
      remaining -= cut;
      if (cut === p.amountPence)
        await manager.update(GrantPayment, { id: p.id }, { status: 'cancelled' });
      else await manager.update(GrantPayment, { id: p.id }, { amountPence: p.amountPence - cut });
    }
  }
}

function checkRequest(
  input: VariationRequest,
  reason: string,
  budgetChanges: string,
  award: Award,
  paid: number,
  today: string,
) {
  const errors: { field: string; message: string }[] = [];
  const amount = input.newAmountPence;
  if (amount !== null) {
    if (!Number.isSafeInteger(amount) || amount <= 0)
      errors.push({ field: 'newAmount', message: 'Enter the new grant amount, like £9,500.00' });
    else if (amount < paid)
      errors.push({
        field: 'newAmount',
        message: `The grant cannot be less than the ${formatPence(paid)} already paid`,
      });
    else if (amount === award.amountPence)
      errors.push({
        field: 'newAmount',
        message: 'This is the grant amount already: leave it empty',
      });
  }
  if (input.newEndOn !== null) {
    if (!isIsoDate(input.newEndOn))
      errors.push({ field: 'newEndOn', message: 'Enter the new end date, like 31 3 2024' });
    else if (award.plannedStartOn && input.newEndOn <= award.plannedStartOn)
      errors.push({ field: 'newEndOn', message: 'The end date must be after the project starts' });
    else if (input.newEndOn < today)
      errors.push({
        field: 'newEndOn',
        message: 'The new end date must be today or in the future',
      });
    else if (input.newEndOn === award.plannedEndOn)
      errors.push({ field: 'newEndOn', message: 'This is the end date already: leave it empty' });
  }
  errors.push(...textErrors('budgetChanges', budgetChanges, MAX_VARIATION_TEXT));
  if (amount === null && input.newEndOn === null && !budgetChanges)
    errors.push({
      field: 'newAmount',
      message: 'Say what should change: the amount, the end date or the budget lines',
    });
  errors.push(
    ...textErrors('reason', reason, MAX_VARIATION_TEXT, 'Explain why the change is needed'),
  );
  if (errors.length > 0) throw new ValidationException(errors);
}

function changes(v: AwardVariation) {
  return {
    ...(v.newAmountPence !== null ? { amountPence: v.newAmountPence } : {}),
    ...(v.newEndOn !== null ? { plannedEndOn: v.newEndOn } : {}),
    ...(v.budgetChanges ? { budgetChanges: v.budgetChanges } : {}),
  };
}

function describe(v: AwardVariation): string[] {
  return [
    ...(v.newAmountPence !== null
      ? [`- Amount: from ${formatPence(v.previousAmountPence)} to ${formatPence(v.newAmountPence)}`]
      : []),
    ...(v.newEndOn !== null
      ? [
          `- End date: ${v.previousEndOn ? `from ${formatCalendarDate(v.previousEndOn)} ` : ''}to ${formatCalendarDate(v.newEndOn)}`,
        ]
      : []),
    ...(v.budgetChanges ? [`- Budget lines: ${v.budgetChanges}`] : []),
    `- Why: ${v.reason}`,
  ];
}
