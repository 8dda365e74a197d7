import {
  Actor,
  AuditService,
  Clock,
  DomainException,
  formatPence,
  isUuid,
  ValidationException,
} from '@grants/core';
import { Application, ApplicationNotFoundException } from '@grants/applications';
import { GrantRound, RoundBudgetService, RoundNotFoundException } from '@grants/funds';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ApplicationScore, rankByScore, RoundScoresService } from '../round-scores.service';
import { roundThresholds } from '../scoring/round-thresholds';
import { meetsThreshold } from '../scoring/weighted-score';
import { ApplicantFeedback } from './applicant-feedback.entity';
import { RecommendationItem } from './recommendation-item.entity';
import { RecommendationOverride } from './recommendation-override.entity';
import { RoundRecommendation } from './round-recommendation.entity';

export const MAX_RECOMMENDATION_REASON = 2000;
export const MAX_APPLICANT_FEEDBACK = 5000;

export interface RecommendationRow extends ApplicationScore {
  rank: number;
  /** At or above the threshold in force. */
  meetsThreshold: boolean;
  override: { include: boolean; reason: string } | null;
  recommended: boolean;
  /** The running total of recommended amounts down to this row. */
  cumulativePence: number;
  /** Recommended and within the money available at this point of the list. */
  fitsBudget: boolean;
}

export interface Recommendation {
  roundId: string;
  status: RoundRecommendation['status'];
  /** When it went to the decision maker. */
  submittedAt: Date | null;
  thresholdBp: number;
  roundThresholdBp: number;
  thresholdReason: string | null;
  rows: RecommendationRow[];
  budgetPence: number;
  /** Money this round has already committed to applications outside this list. */
  committedPence: number;
  availablePence: number;
  recommendedPence: number;
  recommendedCount: number;
  /** Available minus recommended; negative means over budget. */
  remainingPence: number;
}

/** The package as it went to the decision maker (empty until it has). */
export interface RecommendationPackage {
  roundId: string;
  submittedAt: Date | null;
  thresholdBp: number;
  thresholdReason: string | null;
  items: RecommendationItem[];
}

export class RecommendationSubmittedException extends DomainException {
  constructor() {
    super(
      'recommendation_submitted',
      'The recommendation has gone to the decision maker, so it can no longer change',
      409,
    );
  }
}

/**
 * The recommendation list: applications ranked by score (ties by reference), those at or above
 * the threshold recommended unless the officer moved them out (or in) with a reason, against the
 * money available. It goes to the decision maker as one package.
 */
@Injectable()
export class RecommendationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly scores: RoundScoresService,
    private readonly budget: RoundBudgetService,
    private readonly clock: Clock,
  ) {}

  async view(roundId: string): Promise<Recommendation> {
    const round = await this.round(this.dataSource.manager, roundId);
    const settings = await this.readSettings(this.dataSource.manager, round);
    const [scores, overrides, budget, commitments] = await Promise.all([
      this.scores.forRound(roundId),
      this.dataSource.getRepository(RecommendationOverride).findBy({ roundId }),
      this.budget.summary(roundId),
      this.budget.commitments(roundId),
    ]);
    // The listed applications' own approvals are the decision maker's answer to this list, so
    // only money committed to others reduces what the list can recommend.
    const listed = new Set(scores.map((s) => s.applicationId));
    const committedPence = [...commitments]
      .filter(([applicationId]) => !listed.has(applicationId))
      .reduce((sum, [, pence]) => sum + pence, 0);
    const budgetPence = budget.budgetPence;
    const availablePence = budgetPence - committedPence;
    const overrideOf = new Map(overrides.map((o) => [o.applicationId, o]));
    let cumulativePence = 0;
    const rows = rankByScore(scores).map((score, i): RecommendationRow => {
      const meets = meetsThreshold(score.score!, settings.thresholdBp);
      const override = overrideOf.get(score.applicationId);
      const recommended = override ? override.include : meets;
      if (recommended) cumulativePence += score.amountRequestedPence ?? 0;
      return {
        ...score,
        rank: i + 1,
        meetsThreshold: meets,
        override: override ? { include: override.include, reason: override.reason } : null,
        recommended,
        cumulativePence,
        fitsBudget: recommended && cumulativePence <= availablePence,
      };
    });
    const recommendedRows = rows.filter((r) => r.recommended);
    return {
      roundId,
      status: settings.status,
      submittedAt: settings.submittedAt,
      thresholdBp: settings.thresholdBp,
      roundThresholdBp: roundThresholds(round).recommendBp,
      thresholdReason: settings.thresholdReason,
      rows,
      budgetPence,
      committedPence,
      availablePence,
      recommendedPence: cumulativePence,
      recommendedCount: recommendedRows.length,
      remainingPence: availablePence - cumulativePence,
    };
  }

  /** Sets the threshold in force (e.g. raised because of demand); a change needs its reason. */
  async setThreshold(
    roundId: string,
    thresholdBp: number,
    reason: string,
    actor: Actor,
  ): Promise<Recommendation> {
    const text = reason.trim();
    if (!Number.isInteger(thresholdBp) || thresholdBp < 0 || thresholdBp > 10000)
      throw new ValidationException([
        {
          field: 'threshold',
          message: 'The threshold must be a percentage from 0 to 100, with at most two decimals',
        },
      ]);
    if (!text)
      throw new ValidationException([
        {
          field: 'reason',
          message: 'Enter why the threshold changes (for example, the volume of applications)',
        },
      ]);
    this.assertReasonLength(text);
    await this.dataSource.transaction(async (manager) => {
      const round = await this.round(manager, roundId, true);
      const settings = await this.ensureSettings(manager, round);
      if (settings.status === 'submitted') throw new RecommendationSubmittedException();
      await manager.update(
        RoundRecommendation,
        { roundId },
        { thresholdBp, thresholdReason: text },
      );
      await this.audit.record(manager, actor, {
        action: 'recommendation.threshold-set',
        subjectType: 'round',
        subjectId: roundId,
        before: { thresholdBp: settings.thresholdBp },
        after: { thresholdBp },
        reason: text,
      });
    });
    return this.view(roundId);
  }

  /** Moves an application in (true) or out (false) of the recommendation, or back to its score (null). */
  async setOverride(
    roundId: string,
    applicationId: string,
    include: boolean | null,
    reason: string,
    actor: Actor,
  ): Promise<Recommendation> {
    const text = reason.trim();
    if (include !== null && !text)
      throw new ValidationException([
        {
          field: 'reason',
          message: 'Enter why this application moves in or out of the recommendation',
        },
      ]);
    this.assertReasonLength(text);
    await this.dataSource.transaction(async (manager) => {
      const round = await this.round(manager, roundId, true);
      const settings = await this.readSettings(manager, round);
      if (settings.status === 'submitted') throw new RecommendationSubmittedException();
      const scored = (await this.scores.forRound(roundId)).find(
        (s) => s.applicationId === applicationId && s.score !== null,
      );
      if (!scored)
        throw new ValidationException([
          {
            field: 'applicationId',
            message: 'Only a scored, eligible application of this round can be moved',
          },
        ]);
      const before = await manager.findOneBy(RecommendationOverride, { roundId, applicationId });
      if (include === null)
        await manager.delete(RecommendationOverride, { roundId, applicationId });
      else
        await manager.upsert(
          RecommendationOverride,
          { roundId, applicationId, include, reason: text, createdById: actor.id },
          ['roundId', 'applicationId'],
        );
      await this.audit.record(manager, actor, {
        action: 'recommendation.override-set',
        subjectType: 'application',
        subjectId: applicationId,
        before: before ? { include: before.include } : null,
        after: include === null ? null : { include },
        reason: text || null,
      });
    });
    return this.view(roundId);
  }

  /** Sends the package to the decision maker; it must fit the money available. */
  async submit(roundId: string, actor: Actor): Promise<Recommendation> {
    await this.dataSource.transaction(async (manager) => {
      const round = await this.round(manager, roundId, true);
      const settings = await this.ensureSettings(manager, round);
      if (settings.status === 'submitted') throw new RecommendationSubmittedException();
      // Read with the round locked: every change to the list takes the same lock, so what is
      // checked here is exactly what is sent.
      const current = await this.view(roundId);
      assertSendable(current);
      await manager.update(
        RoundRecommendation,
        { roundId },
        { status: 'submitted', submittedAt: this.clock.now(), submittedById: actor.id },
      );
      await manager.insert(
        RecommendationItem,
        current.rows.map((row) => ({
          applicationId: row.applicationId,
          roundId,
          rank: row.rank,
          percentage: row.percentage!,
          band: row.band!,
          amountRequestedPence: row.amountRequestedPence ?? 0,
          recommended: row.recommended,
          overrideReason: row.override?.reason ?? null,
        })),
      );
      await this.audit.record(manager, actor, {
        action: 'recommendation.submitted',
        subjectType: 'round',
        subjectId: roundId,
        before: { status: 'draft' },
        after: {
          status: 'submitted',
          thresholdBp: current.thresholdBp,
          recommended: current.rows.filter((r) => r.recommended).map((r) => r.reference),
          recommendedPence: current.recommendedPence,
        },
      });
    });
    return this.view(roundId);
  }

  /** What the decision maker was sent, in rank order. */
  async package(
    roundId: string,
    manager = this.dataSource.manager,
  ): Promise<RecommendationPackage> {
    const round = await this.round(manager, roundId);
    const settings = await this.readSettings(manager, round);
    const items =
      settings.status === 'submitted'
        ? await manager.find(RecommendationItem, { where: { roundId }, order: { rank: 'ASC' } })
        : [];
    return {
      roundId,
      submittedAt: settings.submittedAt,
      thresholdBp: settings.thresholdBp,
      thresholdReason: settings.thresholdReason,
      items,
    };
  }

  /** The officer's feedback for each applicant of the round, by application id. */
  async feedback(roundId: string, manager = this.dataSource.manager): Promise<Map<string, string>> {
    const rows = await manager.findBy(ApplicantFeedback, { roundId });
    return new Map(rows.map((f) => [f.applicationId, f.feedback]));
  }

  /**
   * Feedback for the applicant, sent with the decision. Written until the decision is made; an
   * empty text removes it.
   */
  async setFeedback(
    roundId: string,
    applicationId: string,
    feedback: string,
    actor: Actor,
  ): Promise<void> {
    const text = feedback.trim();
    if (text.length > MAX_APPLICANT_FEEDBACK)
      throw new ValidationException([
        {
          field: 'feedback',
          message: `The feedback must be ${MAX_APPLICANT_FEEDBACK} characters or fewer`,
        },
      ]);
    if (!isUuid(applicationId)) throw new ApplicationNotFoundException();
    await this.dataSource.transaction(async (manager) => {
      await this.round(manager, roundId);
      const application = await manager.findOne(Application, {
        where: { id: applicationId, roundId },
        select: { id: true, status: true },
        lock: { mode: 'pessimistic_write' },
      });
      if (!application) throw new ApplicationNotFoundException();
      if (application.status !== 'eligible')
        throw new DomainException(
          'feedback_closed',
          'Feedback can only be written for an eligible application before the decision is made',
          409,
        );
      const before = await manager.findOneBy(ApplicantFeedback, { applicationId });
      if (text)
        await manager.upsert(
          ApplicantFeedback,
          { applicationId, roundId, feedback: text, writtenById: actor.id },
          ['applicationId'],
        );
      else await manager.delete(ApplicantFeedback, { applicationId });
      await this.audit.record(manager, actor, {
        action: 'application.feedback-set',
        subjectType: 'application',
        subjectId: applicationId,
        before: before ? { feedback: before.feedback } : null,
        after: text ? { feedback: text } : null,
      });
    });
  }

  private assertReasonLength(text: string): void {
    if (text.length > MAX_RECOMMENDATION_REASON)
      throw new ValidationException([
        {
          field: 'reason',
          message: `The reason must be ${MAX_RECOMMENDATION_REASON} characters or fewer`,
        },
      ]);
  }

  private async round(manager: EntityManager, roundId: string, lock = false): Promise<GrantRound> {
    if (!isUuid(roundId)) throw new RoundNotFoundException();
    const round = await manager.findOne(GrantRound, {
      where: { id: roundId },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!round || round.decisionMethod !== 'scored') throw new RoundNotFoundException();
    return round;
  }

  /** Read only: before any change, a draft at the round's own threshold. */
  private async readSettings(
    manager: EntityManager,
    round: GrantRound,
  ): Promise<RoundRecommendation> {
    return (
      (await manager.findOneBy(RoundRecommendation, { roundId: round.id })) ??
      manager.create(RoundRecommendation, {
        roundId: round.id,
        thresholdBp: roundThresholds(round).recommendBp,
        thresholdReason: null,
        status: 'draft',
        submittedAt: null,
        submittedById: null,
      })
    );
  }

  /** For a change (in its transaction): the row, made at the round's own threshold the first time. */
  private async ensureSettings(
    manager: EntityManager,
    round: GrantRound,
  ): Promise<RoundRecommendation> {
    await manager
      .createQueryBuilder()
      .insert()
      .into(RoundRecommendation)
      .values({ roundId: round.id, thresholdBp: roundThresholds(round).recommendBp })
      .orIgnore()
      .execute();
    return manager.findOneByOrFail(RoundRecommendation, { roundId: round.id });
  }
}

function assertSendable(current: Recommendation): void {
  if (current.recommendedCount === 0)
    throw new ValidationException([
      { field: 'recommendation', message: 'Recommend at least one application' },
    ]);
  if (current.remainingPence < 0)
    throw new ValidationException([
      {
        field: 'recommendation',
        message: `The recommendation is ${formatPence(-current.remainingPence)} over the money available (${formatPence(current.availablePence)}): raise the threshold or move applications out`,
      },
    ]);
}
