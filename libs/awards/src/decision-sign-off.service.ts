import { Actor, Clock, MailOutboxService, ValidationException } from '@grants/core';
import { Application, loadApplication } from '@grants/applications';
import { RubricService } from '@grants/assessment';
import { RoundBudgetService } from '@grants/funds';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { awardNoticeBody, declineNoticeBody } from './award-terms';
import { DecisionSignedOffException, NoRecommendationException } from './awards.exceptions';
import { DecisionPackage, DecisionPackageService, DecisionRow } from './decision-package.service';
import { DecisionRecord } from './entities/decision-record.entity';
import {
  DecisionRecordWriter,
  Outcome,
  SignOffInput,
  validateRecordText,
} from './decision-record-writer';

/**
 * Signing off the package: one transaction makes the decision record, an award (offered) for
 * each approval, moves every application in the package to awarded or unsuccessful, and writes
 * one notice per application to its organisation. Emails leave after the commit.
 */
@Injectable()
export class DecisionSignOffService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: MailOutboxService,
    private readonly writer: DecisionRecordWriter,
    private readonly packages: DecisionPackageService,
    private readonly budget: RoundBudgetService,
    private readonly rubric: RubricService,
    private readonly clock: Clock,
  ) {}

  async signOff(roundId: string, input: SignOffInput, actor: Actor): Promise<DecisionRecord> {
    const text = validateRecordText(input);
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
      const { publishScores } = await this.rubric.settings(roundId, manager);
      const outcomes = decided.map(({ row }): Outcome => {
        const score = publishScores ? `\n\nYour application scored ${row.percentage}%.` : '';
        return row.decision?.outcome === 'approved'
          ? {
              awarded: true,
              amountPence: row.decision.amountPence!,
              body: awardNoticeBody(row.decision.amountPence!, row.amountRequestedPence) + score,
            }
          : { awarded: false, body: declineNoticeBody(row.feedback) + score };
      });
      const record = await this.writer.createRecord(manager, roundId, text, outcomes, actor, now);
      const emailIds: string[] = [];
      for (const [i, { application }] of decided.entries())
        emailIds.push(
          ...(await this.writer.settle(manager, application, outcomes[i], record, actor, now)),
        );
      await this.writer.recordSignedOff(
        manager,
        record,
        decided.filter((_, i) => outcomes[i].awarded).map(({ row }) => row.reference),
        actor,
      );
      return { record, emailIds };
    });
    await this.outbox.dispatch(emailIds);
    return record;
  }
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
