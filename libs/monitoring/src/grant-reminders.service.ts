import {
  addDays,
  AuditService,
  Clock,
  formatCalendarDate,
  formatPence,
  MailOutboxService,
  SYSTEM_ACTOR,
  ukToday,
} from '@grants/core';
import { assertAwardTransition, Award } from '@grants/awards';
import { RoundBudgetService } from '@grants/funds';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { MonitoringReturn } from './entities/monitoring-return.entity';
import { GrantRecords } from './grant-records';
import { returnTitle } from './monitoring-returns.service';
import {
  offerHasLapsed,
  offerRemindersDue,
  OFFER_REMINDER_DAYS_BEFORE,
  ReminderDue,
  RETURN_REMINDER_DAYS_BEFORE,
  returnRemindersDue,
} from './reminder-rules';

export interface SweepResult {
  reminders: number;
  lapsed: number;
}

/**
 * The scheduled side of grant management, run by a job every few minutes: reminders before an
 * offer lapses, lapsing it at the end of its last day, and reminders before and after a return is
 * due. Each reminder's row is inserted with its email in one transaction, and a unique key on it
 * means a second sweep (a retry, another worker) sends nothing again.
 */
@Injectable()
export class GrantRemindersService {
  private readonly logger = new Logger(GrantRemindersService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly outbox: MailOutboxService,
    private readonly grants: GrantRecords,
    private readonly budget: RoundBudgetService,
    private readonly clock: Clock,
  ) {}

  async sweep(now = this.clock.now()): Promise<SweepResult> {
    const result: SweepResult = { reminders: 0, lapsed: 0 };
    // Nothing earlier than the first reminder's day can be due; the SQL keeps the sweep small.
    const horizon = addDays(
      ukToday(now),
      Math.max(...OFFER_REMINDER_DAYS_BEFORE, RETURN_REMINDER_DAYS_BEFORE),
    );
    const offers = await this.dataSource.manager
      .createQueryBuilder(Award, 'a')
      .where(`a.status = 'offered' AND a.offer_expires_on <= :horizon`, { horizon })
      .getMany();
    for (const award of offers) {
      if (offerHasLapsed(award.offerExpiresOn!, now)) {
        if (await this.lapse(award.id, now)) result.lapsed += 1;
        continue;
      }
      for (const due of offerRemindersDue(award.offerExpiresOn!, now))
        if (await this.remind(award.id, award, due, offerReminder(award, due)))
          result.reminders += 1;
    }
    const returns = await this.dataSource.manager
      .createQueryBuilder(MonitoringReturn, 'r')
      .innerJoinAndSelect('r.award', 'a')
      .where(`r.status = 'due' AND a.status = 'accepted' AND r.due_on <= :horizon`, { horizon })
      // A return whose last reminder has gone needs nothing more, however long it stays overdue.
      .andWhere(
        `NOT EXISTS (SELECT 1 FROM grant_reminders g WHERE g.subject_id = r.id AND g.kind = 'return-overdue')`,
      )
      .getMany();
    for (const r of returns)
      for (const due of returnRemindersDue(r.dueOn, now))
        if (await this.remind(r.id, r.award, due, returnReminder(r, due))) result.reminders += 1;
    return result;
  }

  /** Sends one reminder unless it has gone before; true when this call sent it. */
  private async remind(
    subjectId: string,
    award: Award,
    due: ReminderDue,
    notice: {
      kind: 'offer-reminder' | 'return-reminder' | 'return-overdue';
      subject: string;
      body: string;
    },
  ): Promise<boolean> {
    const emailIds = await this.dataSource.transaction(async (manager) => {
      // Read again under a share lock: an offer accepted, or a return sent, since the sweep
      // listed it needs no reminder (and cannot change until this commits).
      if (!(await stillDue(manager, award.id, subjectId))) return null;
      const inserted: unknown[] = await manager.query(
        `INSERT INTO grant_reminders (subject_id, kind) VALUES ($1, $2)
         ON CONFLICT (subject_id, kind) DO NOTHING RETURNING id`,
        [subjectId, due.kind],
      );
      if (inserted.length === 0) return null;
      return this.grants.notify(manager, award, notice);
    });
    if (!emailIds) return false;
    await this.outbox.dispatch(emailIds);
    return true;
  }

  /** The offer's last day is over: it lapses and its money goes back to the round. */
  private async lapse(awardId: string, now: Date): Promise<boolean> {
    const emailIds = await this.dataSource.transaction(async (manager) => {
      const award = await this.grants.lock(manager, awardId);
      // Accepted (or lapsed by another worker) since the sweep read it: nothing to do.
      if (
        award.status !== 'offered' ||
        !award.offerExpiresOn ||
        !offerHasLapsed(award.offerExpiresOn, now)
      )
        return null;
      assertAwardTransition(award.status, 'expired');
      await manager.update(Award, { id: award.id }, { status: 'expired' });
      await this.budget.release(manager, award.roundId, award.applicationId);
      await this.audit.record(manager, SYSTEM_ACTOR, {
        action: 'award.expired',
        subjectType: 'award',
        subjectId: award.id,
        before: { status: 'offered', offerExpiresOn: award.offerExpiresOn },
        after: { status: 'expired', releasedPence: award.amountPence },
        reason: `Not accepted by the end of ${formatCalendarDate(award.offerExpiresOn)}`,
      });
      return this.grants.notify(manager, award, {
        kind: 'offer-expired',
        subject: 'Your grant offer has lapsed',
        body: `The offer of a grant of ${formatPence(award.amountPence)} could be accepted until ${formatCalendarDate(award.offerExpiresOn)}. It was not accepted by then, so it has lapsed and the money has gone back to the fund. Contact the grants team if you think this is wrong.`,
      });
    });
    if (!emailIds) return false;
    await this.outbox.dispatch(emailIds);
    this.logger.log({ msg: 'Offer lapsed', awardId });
    return true;
  }
}

/** The award is still offered (an offer reminder) or its return still unsent (a return reminder). */
async function stillDue(manager: EntityManager, awardId: string, subjectId: string) {
  // The award's row first, as every change to a grant locks it first.
  const [award]: { status: string }[] = await manager.query(
    'SELECT status FROM awards WHERE id = $1 FOR SHARE',
    [awardId],
  );
  if (subjectId === awardId) return award?.status === 'offered';
  const [found]: { status: string }[] = await manager.query(
    'SELECT status FROM monitoring_returns WHERE id = $1 FOR SHARE',
    [subjectId],
  );
  return award?.status === 'accepted' && found?.status === 'due';
}

function offerReminder(award: Award, due: ReminderDue) {
  const left = due.daysLeft === 1 ? 'tomorrow' : `in ${due.daysLeft} days`;
  return {
    kind: 'offer-reminder' as const,
    subject: `Your grant offer ends ${left}`,
    body: `The offer of a grant of ${formatPence(award.amountPence)} is open until the end of ${formatCalendarDate(award.offerExpiresOn!)}. Accept it (or decline it) from your application page before then, or it will lapse and the money will go back to the fund.`,
  };
}

function returnReminder(r: MonitoringReturn, due: ReminderDue) {
  const title = returnTitle(r);
  return due.kind === 'return-overdue'
    ? {
        kind: 'return-overdue' as const,
        subject: `${title} is overdue`,
        body: `Your ${title.toLowerCase()} for ${formatCalendarDate(r.periodStartOn)} to ${formatCalendarDate(r.periodEndOn)} was due on ${formatCalendarDate(r.dueOn)} and we have not received it. Send it from your grant page as soon as you can: payments wait on returns.`,
      }
    : {
        kind: 'return-reminder' as const,
        subject: `${title} due on ${formatCalendarDate(r.dueOn)}`,
        body: `Your ${title.toLowerCase()} for ${formatCalendarDate(r.periodStartOn)} to ${formatCalendarDate(r.periodEndOn)} is due on ${formatCalendarDate(r.dueOn)}. Send it from your grant page.`,
      };
}
