import {
  Actor,
  AuditService,
  Clock,
  formatUkDate,
  MailOutboxService,
  ValidationException,
} from '@grants/core';
import {
  ApplicationNotices,
  assertApplicationTransition,
  loadApplication,
  Application,
} from '@grants/applications';
import { RubricService } from '@grants/assessment';
import { RoundBudgetService } from '@grants/funds';
import { StaffUser } from '@grants/identity';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { awardNoticeBody, declineNoticeBody } from './award-terms';
import { DecisionSignedOffException, NoRecommendationException } from './awards.exceptions';
import { DecisionPackage, DecisionPackageService, DecisionRow } from './decision-package.service';
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

/**
 * Signing off the package: one transaction makes the decision record, an award (offered) for
 * each approval, moves every application in the package to awarded or unsuccessful, and writes
 * one notice per application to its organisation. Emails leave after the commit.
 */
@Injectable()
export class DecisionSignOffService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly outbox: MailOutboxService,
    private readonly notices: ApplicationNotices,
    private readonly packages: DecisionPackageService,
    private readonly budget: RoundBudgetService,
    private readonly rubric: RubricService,
    private readonly clock: Clock,
  ) {}

  async signOff(roundId: string, input: SignOffInput, actor: Actor): Promise<DecisionRecord> {
    const text = validate(input);
    const { record, emailIds } = await this.dataSource.transaction(async (manager) => {
      await this.budget.lockRound(manager, roundId);
      if (await manager.existsBy(DecisionRecord, { roundId }))
        throw new DecisionSignedOffException();
      const pkg = await this.packages.view(roundId, manager);
      if (pkg.rows.length === 0) throw new NoRecommendationException();
      assertAllDecided(pkg);
      // Locked in rank order; an application withdrawn since the package was sent is left out
      // of the decision, and money approved for it goes back to the round.
      const decided: { row: DecisionRow; application: Application }[] = [];
      for (const row of pkg.rows) {
        const application = await loadApplication(manager, row.applicationId, { lock: true });
        if (application.status === 'withdrawn')
          await this.budget.release(manager, roundId, application.id);
        else decided.push({ row, application });
      }
      const now = this.clock.now();
      const approved = decided.filter(({ row }) => row.decision?.outcome === 'approved');
      const record = await manager.save(
        manager.create(DecisionRecord, {
          roundId,
          number: await this.nextNumber(manager, now),
          ...text,
          totalAwardedPence: approved.reduce((sum, { row }) => sum + row.decision!.amountPence!, 0),
          awardsCount: approved.length,
          declinedCount: decided.length - approved.length,
          signedOffAt: now,
          signedOffById: actor.id,
          signedOffByName: await this.nameOf(manager, actor),
          publishedAt: null,
        }),
      );
      const { publishScores } = await this.rubric.settings(roundId, manager);
      const emailIds: string[] = [];
      for (const { row, application } of decided) {
        const awarded = row.decision?.outcome === 'approved';
        const to = awarded ? 'awarded' : 'unsuccessful';
        assertApplicationTransition(application.status, to);
        await manager.update(Application, { id: application.id }, { status: to });
        let awardId: string | null = null;
        if (awarded) {
          const award = await manager.save(
            manager.create(Award, {
              applicationId: application.id,
              roundId,
              organisationId: application.organisationId,
              decisionRecordId: record.id,
              amountPence: row.decision!.amountPence!,
              status: 'offered',
              offeredAt: now,
            }),
          );
          awardId = award.id;
        }
        await this.audit.record(manager, actor, {
          action: awarded ? 'award.offered' : 'application.unsuccessful',
          subjectType: 'application',
          subjectId: application.id,
          before: { status: application.status },
          after: awarded
            ? { status: to, awardId, amountPence: row.decision!.amountPence, record: record.number }
            : { status: to, record: record.number },
        });
        application.status = to;
        const score = publishScores ? `\n\nYour application scored ${row.percentage}%.` : '';
        emailIds.push(
          ...(await this.notices.send(manager, application, {
            kind: awarded ? 'award-offered' : 'unsuccessful',
            template: awarded ? 'award-offered' : 'application-unsuccessful',
            subject: awarded
              ? `Grant offered: ${application.reference}`
              : `Decision on application ${application.reference}`,
            body:
              (awarded
                ? awardNoticeBody(row.decision!.amountPence!, row.amountRequestedPence)
                : declineNoticeBody(row.feedback)) + score,
            data: { decisionNumber: record.number },
          })),
        );
      }
      await this.audit.record(manager, actor, {
        action: 'decision.signed-off',
        subjectType: 'round',
        subjectId: roundId,
        before: null,
        after: {
          number: record.number,
          totalAwardedPence: record.totalAwardedPence,
          awards: approved.map(({ row }) => row.reference),
        },
      });
      return { record, emailIds };
    });
    await this.outbox.dispatch(emailIds);
    return record;
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
  {
    field: 'title',
    missing: 'Enter a title for the decision record',
    max: MAX_RECORD_TITLE,
  },
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

function validate(input: SignOffInput): SignOffInput {
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

function assertAllDecided(pkg: DecisionPackage): void {
  const waiting = pkg.rows
    .filter((r) => r.recommended && !r.decision && !r.withdrawn)
    .map((r) => r.reference);
  if (waiting.length > 0)
    throw new ValidationException([
      {
        field: 'decisions',
        message: `Approve or decline every recommended application before signing off (still to decide: ${waiting.join(', ')})`,
      },
    ]);
}
