import { Actor, AuditService, DomainException, isUuid, ValidationException } from '@grants/core';
import { Application } from '@grants/applications';
import { GrantRound, RoundNotFoundException } from '@grants/funds';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { NotScoredRoundException, RubricFrozenException } from './assessment.exceptions';
import { AssessmentCriterion } from './entities/assessment-criterion.entity';
import { DEFAULT_MODERATION_SPREAD_BP, RoundAssessment } from './entities/round-assessment.entity';
import { CriterionInput, DEFAULT_RUBRIC, rubricErrors } from './rubric-rules';

/** A scored round's criteria: edited freely until scoring starts, then frozen. */
@Injectable()
export class RubricService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** The round's criteria in order (none until set, or until ensure() gives the default). */
  async criteria(
    roundId: string,
    manager = this.dataSource.manager,
  ): Promise<AssessmentCriterion[]> {
    return manager.find(AssessmentCriterion, { where: { roundId }, order: { position: 'ASC' } });
  }

  /** Read only (pages and the scores read it): a round never assessed has the defaults. */
  async settings(roundId: string, manager = this.dataSource.manager): Promise<RoundAssessment> {
    return (
      (await manager.findOneBy(RoundAssessment, { roundId })) ??
      manager.create(RoundAssessment, {
        roundId,
        moderationSpreadBp: DEFAULT_MODERATION_SPREAD_BP,
        publishScores: false,
        rubricFrozenAt: null,
      })
    );
  }

  async replace(
    roundId: string,
    input: CriterionInput[],
    actor: Actor,
  ): Promise<AssessmentCriterion[]> {
    const errors = rubricErrors(input);
    if (errors.length > 0) throw new ValidationException(errors);
    return this.dataSource.transaction(async (manager) => {
      await this.lockScoredRound(manager, roundId);
      const settings = await this.settings(roundId, manager);
      if (settings.rubricFrozenAt) throw new RubricFrozenException();
      const before = await this.criteria(roundId, manager);
      await manager.delete(AssessmentCriterion, { roundId });
      await manager.insert(
        AssessmentCriterion,
        input.map((c, position) => ({
          roundId,
          position,
          title: c.title.trim(),
          guidance: c.guidance.trim(),
          maxScore: c.maxScore,
          weight: c.weight,
        })),
      );
      const after = await this.criteria(roundId, manager);
      await this.audit.record(manager, actor, {
        action: 'rubric.updated',
        subjectType: 'round',
        subjectId: roundId,
        before: { criteria: before.map(snapshot) },
        after: { criteria: after.map(snapshot) },
      });
      return after;
    });
  }

  /** The default rubric, for a round that has none yet. */
  async ensure(roundId: string, actor: Actor): Promise<AssessmentCriterion[]> {
    const existing = await this.criteria(roundId);
    return existing.length > 0 ? existing : this.replace(roundId, DEFAULT_RUBRIC, actor);
  }

  /** Whether the decision tells applicants their score (the round's published feedback). */
  async setPublishScores(
    roundId: string,
    publish: boolean,
    actor: Actor,
  ): Promise<RoundAssessment> {
    return this.dataSource.transaction(async (manager) => {
      await this.lockScoredRound(manager, roundId);
      // The notices already told applicants (or not): the pages must keep saying the same.
      const decided = await manager.exists(Application, {
        where: { roundId, status: In(['awarded', 'unsuccessful']) },
      });
      if (decided)
        throw new DomainException(
          'decision_signed_off',
          'The decision has been signed off and its notices sent, so whether applicants see their scores can no longer change',
          409,
        );
      const before = await this.settings(roundId, manager);
      await manager.query(
        `INSERT INTO round_assessments (round_id, publish_scores) VALUES ($1, $2)
         ON CONFLICT (round_id) DO UPDATE SET publish_scores = EXCLUDED.publish_scores`,
        [roundId, publish],
      );
      await this.audit.record(manager, actor, {
        action: 'assessment.publish-scores-set',
        subjectType: 'round',
        subjectId: roundId,
        before: { publishScores: before.publishScores },
        after: { publishScores: publish },
      });
      return this.settings(roundId, manager);
    });
  }

  /** Called in the transaction that starts scoring (the first assignment). */
  async freeze(manager: EntityManager, roundId: string): Promise<AssessmentCriterion[]> {
    // The first freeze wins; later ones keep its time.
    await manager.query(
      `INSERT INTO round_assessments (round_id, rubric_frozen_at) VALUES ($1, now())
       ON CONFLICT (round_id) DO UPDATE
         SET rubric_frozen_at = COALESCE(round_assessments.rubric_frozen_at, EXCLUDED.rubric_frozen_at)`,
      [roundId],
    );
    return this.criteria(roundId, manager);
  }

  private async lockScoredRound(manager: EntityManager, roundId: string): Promise<GrantRound> {
    if (!isUuid(roundId)) throw new RoundNotFoundException();
    const round = await manager.findOne(GrantRound, {
      where: { id: roundId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!round) throw new RoundNotFoundException();
    if (round.decisionMethod !== 'scored') throw new NotScoredRoundException();
    return round;
  }
}

function snapshot(c: AssessmentCriterion) {
  return { title: c.title, maxScore: c.maxScore, weight: c.weight };
}
