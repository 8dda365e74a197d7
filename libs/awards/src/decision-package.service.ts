import { Actor, AuditService, Clock, formatPence, isUuid, ValidationException } from '@grants/core';
import { Application } from '@grants/applications';
import { RecommendationItem, RecommendationService } from '@grants/assessment';
import { RoundBudget, RoundBudgetService } from '@grants/funds';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import {
  ApplicationNotOpenException,
  DecisionSignedOffException,
  NoRecommendationException,
  NotRecommendedException,
} from './awards.exceptions';
import { ApplicationDecision } from './entities/application-decision.entity';
import { DecisionRecord } from './entities/decision-record.entity';

export const MAX_DECISION_REASON = 2000;

export interface ApproveInput {
  /** Left out, the amount requested. */
  amountPence?: number;
  /** Needed when the amount differs from the amount requested. */
  amountReason?: string;
}

export interface DecisionRow {
  applicationId: string;
  reference: string;
  organisationName: string;
  projectTitle: string;
  rank: number;
  percentage: string;
  recommended: boolean;
  overrideReason: string | null;
  amountRequestedPence: number;
  decision: Pick<
    ApplicationDecision,
    'outcome' | 'amountPence' | 'amountReason' | 'reason' | 'decidedAt'
  > | null;
  /** The officer's feedback for the applicant, sent with a decline. */
  feedback: string | null;
  /** Withdrawn by the applicant since the package was sent: it drops out of the decision. */
  withdrawn: boolean;
}

interface ApplicationDetails {
  id: string;
  reference: string;
  status: string;
  organisation_name: string;
  project_title: string;
}

export interface DecisionPackage {
  roundId: string;
  /** awaiting: no recommendation yet; open: being decided; signed-off: the record exists. */
  status: 'awaiting' | 'open' | 'signed-off';
  submittedAt: Date | null;
  thresholdBp: number;
  thresholdReason: string | null;
  /** Every scored application as sent, by rank; only recommended ones are decided one by one. */
  rows: DecisionRow[];
  budget: RoundBudget;
  approvedCount: number;
  approvedPence: number;
  declinedCount: number;
  /** Recommended and not yet approved or declined: sign-off waits for these. */
  undecidedCount: number;
  record: DecisionRecord | null;
}

/**
 * The decision maker's side of a recommendation: approve (committing the money), amend the
 * amount with a reason, or decline each recommended application, until the package is signed off.
 */
@Injectable()
export class DecisionPackageService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly recommendation: RecommendationService,
    private readonly budget: RoundBudgetService,
    private readonly clock: Clock,
  ) {}

  async view(roundId: string, manager = this.dataSource.manager): Promise<DecisionPackage> {
    const pkg = await this.recommendation.package(roundId, manager);
    // One after another: inside sign-off's transaction they share a single connection.
    const decisions = await manager.findBy(ApplicationDecision, { roundId });
    const feedback = await this.recommendation.feedback(roundId, manager);
    const budget = await this.budget.summary(roundId, manager);
    const record = await manager.findOneBy(DecisionRecord, { roundId });
    const details = await this.details(manager, roundId);
    const decisionOf = new Map(decisions.map((d) => [d.applicationId, d]));
    const rows = pkg.items.map((item): DecisionRow => {
      const d = decisionOf.get(item.applicationId);
      const about = details.get(item.applicationId);
      return {
        applicationId: item.applicationId,
        reference: about?.reference ?? '',
        organisationName: about?.organisation_name ?? '',
        projectTitle: about?.project_title ?? '',
        rank: item.rank,
        percentage: item.percentage,
        recommended: item.recommended,
        overrideReason: item.overrideReason,
        amountRequestedPence: item.amountRequestedPence,
        decision: d
          ? {
              outcome: d.outcome,
              amountPence: d.amountPence,
              amountReason: d.amountReason,
              reason: d.reason,
              decidedAt: d.decidedAt,
            }
          : null,
        feedback: feedback.get(item.applicationId) ?? null,
        withdrawn: about?.status === 'withdrawn',
      };
    });
    const approved = rows.filter((r) => r.decision?.outcome === 'approved');
    return {
      roundId,
      status: record ? 'signed-off' : pkg.items.length > 0 ? 'open' : 'awaiting',
      submittedAt: pkg.submittedAt,
      thresholdBp: pkg.thresholdBp,
      thresholdReason: pkg.thresholdReason,
      rows,
      budget,
      approvedCount: approved.length,
      approvedPence: approved.reduce((sum, r) => sum + (r.decision!.amountPence ?? 0), 0),
      declinedCount: rows.filter((r) => r.decision?.outcome === 'declined').length,
      undecidedCount: rows.filter((r) => r.recommended && !r.decision && !r.withdrawn).length,
      record,
    };
  }

  /**
   * Approves a recommended application at the amount requested, or a smaller one with a reason.
   * The money is committed in the same transaction, under the round's lock: when the budget
   * cannot cover it the approval is refused and nothing is written.
   */
  async approve(
    roundId: string,
    applicationId: string,
    input: ApproveInput,
    actor: Actor,
  ): Promise<DecisionPackage> {
    const amountReason = input.amountReason?.trim() ?? '';
    assertReasonLength('amountReason', amountReason);
    await this.dataSource.transaction(async (manager) => {
      const item = await this.openItem(manager, roundId, applicationId);
      const amountPence = input.amountPence ?? item.amountRequestedPence;
      if (!Number.isSafeInteger(amountPence) || amountPence <= 0)
        throw new ValidationException([
          { field: 'amountPence', message: 'Enter an amount in pounds and pence, more than £0' },
        ]);
      if (amountPence > item.amountRequestedPence)
        throw new ValidationException([
          {
            field: 'amountPence',
            message: `The amount can be reduced from the ${formatPence(item.amountRequestedPence)} requested, not increased`,
          },
        ]);
      const amended = amountPence !== item.amountRequestedPence;
      if (amended && !amountReason)
        throw new ValidationException([
          {
            field: 'amountReason',
            message: `Enter why the amount differs from the ${formatPence(item.amountRequestedPence)} requested`,
          },
        ]);
      const before = await manager.findOneBy(ApplicationDecision, { applicationId });
      await this.budget.commit(manager, roundId, applicationId, amountPence);
      await manager.upsert(
        ApplicationDecision,
        {
          applicationId,
          roundId,
          outcome: 'approved',
          amountPence,
          amountReason: amended ? amountReason : null,
          reason: null,
          decidedById: actor.id,
          decidedAt: this.clock.now(),
        },
        ['applicationId'],
      );
      await this.audit.record(manager, actor, {
        action: amended ? 'decision.approved-amended' : 'decision.approved',
        subjectType: 'application',
        subjectId: applicationId,
        before: before ? { outcome: before.outcome, amountPence: before.amountPence } : null,
        after: { outcome: 'approved', amountPence },
        reason: amended ? amountReason : null,
      });
    });
    return this.view(roundId);
  }

  /** Declines a recommended application, with the reason; money it held goes back to the round. */
  async decline(
    roundId: string,
    applicationId: string,
    reason: string,
    actor: Actor,
  ): Promise<DecisionPackage> {
    const text = reason.trim();
    if (!text)
      throw new ValidationException([
        { field: 'reason', message: 'Enter why this recommended application is declined' },
      ]);
    assertReasonLength('reason', text);
    await this.dataSource.transaction(async (manager) => {
      await this.openItem(manager, roundId, applicationId);
      const before = await manager.findOneBy(ApplicationDecision, { applicationId });
      await this.budget.release(manager, roundId, applicationId);
      await manager.upsert(
        ApplicationDecision,
        {
          applicationId,
          roundId,
          outcome: 'declined',
          amountPence: null,
          amountReason: null,
          reason: text,
          decidedById: actor.id,
          decidedAt: this.clock.now(),
        },
        ['applicationId'],
      );
      await this.audit.record(manager, actor, {
        action: 'decision.declined',
        subjectType: 'application',
        subjectId: applicationId,
        before: before ? { outcome: before.outcome, amountPence: before.amountPence } : null,
        after: { outcome: 'declined' },
        reason: text,
      });
    });
    return this.view(roundId);
  }

  /** The recommended line for an application, with the round locked and the package still open. */
  private async openItem(
    manager: EntityManager,
    roundId: string,
    applicationId: string,
  ): Promise<RecommendationItem> {
    // The lock first: it orders this change against sign-off and every other commitment.
    await this.budget.lockRound(manager, roundId);
    if (await manager.existsBy(DecisionRecord, { roundId })) throw new DecisionSignedOffException();
    const pkg = await this.recommendation.package(roundId, manager);
    if (pkg.items.length === 0) throw new NoRecommendationException();
    const item = isUuid(applicationId)
      ? pkg.items.find((i) => i.applicationId === applicationId)
      : undefined;
    if (!item?.recommended) throw new NotRecommendedException();
    const application = await manager.findOne(Application, {
      where: { id: applicationId },
      select: { id: true, status: true },
    });
    if (application?.status !== 'eligible') throw new ApplicationNotOpenException();
    return item;
  }

  private async details(
    manager: EntityManager,
    roundId: string,
  ): Promise<Map<string, ApplicationDetails>> {
    const rows: ApplicationDetails[] = await manager.query(
      `SELECT a.id, a.reference, a.status, o.name AS organisation_name, a.project_title
         FROM recommendation_items i
         JOIN applications a ON a.id = i.application_id
         JOIN organisations o ON o.id = a.organisation_id
        WHERE i.round_id = $1`,
      [roundId],
    );
    return new Map(rows.map((r) => [r.id, r]));
  }
}

function assertReasonLength(field: string, text: string): void {
  if (text.length > MAX_DECISION_REASON)
    throw new ValidationException([
      { field, message: `The reason must be ${MAX_DECISION_REASON} characters or fewer` },
    ]);
}
