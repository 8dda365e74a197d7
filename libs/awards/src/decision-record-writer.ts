import {
  Actor,
  addDays,
  AppConfig,
  AuditService,
  formatCalendarDate,
  formatUkDate,
  ukToday,
  ValidationException,
} from '@grants/core';
import { Application, ApplicationNotices, assertApplicationTransition } from '@grants/applications';
import { StaffUser } from '@grants/identity';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Award } from './entities/award.entity';
import { DecisionRecord } from './entities/decision-record.entity';

export const MAX_RECORD_TITLE = 200;
export const MAX_RECORD_TEXT = 5000;

export interface SignOffInput {
  title: string;
  summary: string;
  /** The decision maker's declarations of interest, or that there are none. */
  declarations: string;
}

/** What happens to one application in a signed-off decision, and what its notice says. */
export type Outcome =
  { awarded: true; amountPence: number; body: string } | { awarded: false; body: string };

/**
 * The steps every signed-off decision shares, whatever decided it (the Commissioner on a
 * recommendation, or residents in a vote): the numbered record, then for each application its
 * new status, its award when it won one, the audit event and one notice to its organisation.
 * All in the caller's transaction.
 */
@Injectable()
export class DecisionRecordWriter {
  constructor(
    private readonly audit: AuditService,
    private readonly notices: ApplicationNotices,
    private readonly config: AppConfig,
  ) {}

  async createRecord(
    manager: EntityManager,
    roundId: string,
    text: SignOffInput,
    outcomes: Outcome[],
    actor: Actor,
    now: Date,
  ): Promise<DecisionRecord> {
    const awarded = outcomes.filter((o) => o.awarded);
    return manager.save(
      manager.create(DecisionRecord, {
        roundId,
        number: await this.nextNumber(manager, now),
        ...text,
        totalAwardedPence: awarded.reduce((sum, o) => sum + (o.awarded ? o.amountPence : 0), 0),
        awardsCount: awarded.length,
        declinedCount: outcomes.length - awarded.length,
        signedOffAt: now,
        signedOffById: actor.id,
        signedOffByName: await this.nameOf(manager, actor),
        publishedAt: null,
      }),
    );
  }

  /** Moves the (locked) application to awarded or unsuccessful; returns the outbox ids. */
  async settle(
    manager: EntityManager,
    application: Application,
    outcome: Outcome,
    record: DecisionRecord,
    actor: Actor,
    now: Date,
  ): Promise<string[]> {
    const to = outcome.awarded ? 'awarded' : 'unsuccessful';
    const from = application.status;
    assertApplicationTransition(from, to);
    await manager.update(Application, { id: application.id }, { status: to });
    let awardId: string | null = null;
    // The offer is open for the set number of UK days from the day it is made.
    const offerExpiresOn = addDays(ukToday(now), this.config.OFFER_VALID_DAYS);
    if (outcome.awarded)
      awardId = (
        await manager.save(
          manager.create(Award, {
            applicationId: application.id,
            roundId: application.roundId,
            organisationId: application.organisationId,
            decisionRecordId: record.id,
            amountPence: outcome.amountPence,
            status: 'offered',
            offeredAt: now,
            offerExpiresOn,
          }),
        )
      ).id;
    await this.audit.record(manager, actor, {
      action: outcome.awarded ? 'award.offered' : 'application.unsuccessful',
      subjectType: 'application',
      subjectId: application.id,
      before: { status: from },
      after: outcome.awarded
        ? { status: to, awardId, amountPence: outcome.amountPence, record: record.number }
        : { status: to, record: record.number },
    });
    application.status = to;
    return this.notices.send(manager, application, {
      kind: outcome.awarded ? 'award-offered' : 'unsuccessful',
      template: outcome.awarded ? 'award-offered' : 'application-unsuccessful',
      subject: outcome.awarded
        ? `Grant offered: ${application.reference}`
        : `Decision on application ${application.reference}`,
      body: outcome.awarded
        ? `${outcome.body}\n\nThe offer is open until the end of ${formatCalendarDate(offerExpiresOn)}. If the organisation has not accepted it by then, it lapses and the money goes back to the fund.`
        : outcome.body,
      data: { decisionNumber: record.number },
    });
  }

  async recordSignedOff(
    manager: EntityManager,
    record: DecisionRecord,
    awardedReferences: string[],
    actor: Actor,
  ): Promise<void> {
    await this.audit.record(manager, actor, {
      action: 'decision.signed-off',
      subjectType: 'round',
      subjectId: record.roundId,
      before: null,
      after: {
        number: record.number,
        totalAwardedPence: record.totalAwardedPence,
        awards: awardedReferences,
      },
    });
  }

  /** "DR-2023-007": gap-free within the year the decision is signed (UK time). */
  private async nextNumber(manager: EntityManager, now: Date): Promise<string> {
    const year = Number(formatUkDate(now, 'yyyy'));
    const [{ last_sequence }]: { last_sequence: number }[] = await manager.query(
      `INSERT INTO decision_record_counters (year, last_sequence) VALUES ($1, 1)
       ON CONFLICT (year) DO UPDATE SET last_sequence = decision_record_counters.last_sequence + 1
       RETURNING last_sequence`,
      [year],
    );
    return `DR-${year}-${String(last_sequence).padStart(3, '0')}`;
  }

  private async nameOf(manager: EntityManager, actor: Actor): Promise<string> {
    const user = actor.id ? await manager.findOneBy(StaffUser, { id: actor.id }) : null;
    return user?.displayName ?? actor.label;
  }
}

/** Each field of the record: what to ask for when it is empty, and its longest length. */
const RECORD_FIELDS: { field: keyof SignOffInput; missing: string; max: number }[] = [
  { field: 'title', missing: 'Enter a title for the decision record', max: MAX_RECORD_TITLE },
  {
    field: 'summary',
    missing: 'Enter a summary of the decision for the public record',
    max: MAX_RECORD_TEXT,
  },
  {
    field: 'declarations',
    missing: 'Enter any declarations of interest, or "None"',
    max: MAX_RECORD_TEXT,
  },
];

export function validateRecordText(input: SignOffInput): SignOffInput {
  const text: SignOffInput = {
    title: input.title.trim(),
    summary: input.summary.trim(),
    declarations: input.declarations.trim(),
  };
  const errors = RECORD_FIELDS.flatMap(({ field, missing, max }) => {
    if (!text[field]) return [{ field, message: missing }];
    if (text[field].length > max)
      return [{ field, message: `The ${field} must be ${max} characters or fewer` }];
    return [];
  });
  if (errors.length > 0) throw new ValidationException(errors);
  return text;
}
