import { Actor, AuditService, Clock, isUuid, ValidationException } from '@grants/core';
import { StaffUser } from '@grants/identity';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import {
  AssignmentNotFoundException,
  ConflictNotDeclaredException,
  ScoresLockedException,
} from './assessment.exceptions';
import { AssignmentsService } from './assignments.service';
import { AssessmentCriterion } from './entities/assessment-criterion.entity';
import { AssessorAssignment } from './entities/assessor-assignment.entity';
import { CriterionScore } from './entities/criterion-score.entity';
import { RubricService } from './rubric.service';

export const MAX_SCORE_COMMENT = 3000;

export interface ScoreInput {
  criterionId: string;
  score: number;
  comment: string;
}

/** An assessor scores each criterion (0 to its maximum) with a comment, saves as they go, submits. */
@Injectable()
export class ScoringService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly assignments: AssignmentsService,
    private readonly rubric: RubricService,
    private readonly clock: Clock,
  ) {}

  /** The assessor's view of one assignment: refused until they have declared no conflict. */
  async open(assignmentId: string, assessor: Pick<StaffUser, 'id'>) {
    const assignment = await this.assignments.findOwn(
      this.dataSource.manager,
      assignmentId,
      assessor.id,
      false,
    );
    this.assertOpenable(assignment);
    const [criteria, scores] = await Promise.all([
      this.criteriaOf(this.dataSource.manager, assignment),
      this.dataSource.getRepository(CriterionScore).findBy({ assignmentId }),
    ]);
    return { assignment, criteria, scores };
  }

  /** Saves the scores given (all or nothing); the others stay as they were. */
  async save(
    assignmentId: string,
    assessor: Pick<StaffUser, 'id'>,
    input: ScoreInput[],
    actor: Actor,
  ): Promise<CriterionScore[]> {
    return this.dataSource.transaction(async (manager) => {
      const assignment = await this.assignments.findOwn(manager, assignmentId, assessor.id);
      this.assertOpenable(assignment);
      if (assignment.status === 'submitted') throw new ScoresLockedException();
      const criteria = await this.criteriaOf(manager, assignment);
      const errors = scoreErrors(input, criteria);
      if (errors.length > 0) throw new ValidationException(errors);
      for (const s of input)
        await manager
          .createQueryBuilder()
          .insert()
          .into(CriterionScore)
          .values({
            assignmentId,
            criterionId: s.criterionId,
            score: s.score,
            comment: s.comment.trim(),
          })
          .orUpdate(['score', 'comment', 'updated_at'], ['assignment_id', 'criterion_id'])
          .execute();
      await this.audit.record(manager, actor, {
        action: 'assessment.scores-saved',
        subjectType: 'application',
        subjectId: assignment.applicationId,
        after: {
          assignmentId,
          scores: input.map((s) => ({ criterionId: s.criterionId, score: s.score })),
        },
      });
      return manager.findBy(CriterionScore, { assignmentId });
    });
  }

  /** Locks the scores; every criterion must have one, with a comment. */
  async submit(
    assignmentId: string,
    assessor: Pick<StaffUser, 'id'>,
    actor: Actor,
  ): Promise<AssessorAssignment> {
    return this.dataSource.transaction(async (manager) => {
      const assignment = await this.assignments.findOwn(manager, assignmentId, assessor.id);
      this.assertOpenable(assignment);
      if (assignment.status === 'submitted') throw new ScoresLockedException();
      const criteria = await this.criteriaOf(manager, assignment);
      const scores = await manager.findBy(CriterionScore, { assignmentId });
      const missing = criteria.filter(
        (c) => !scores.some((s) => s.criterionId === c.id && s.comment.trim() !== ''),
      );
      if (missing.length > 0)
        throw new ValidationException(
          missing.map((c) => ({
            field: `scores.${c.id}`,
            message: `Score ${c.title} and say why in a comment before you submit`,
          })),
        );
      await manager.update(
        AssessorAssignment,
        { id: assignmentId },
        { status: 'submitted', submittedAt: this.clock.now() },
      );
      await this.audit.record(manager, actor, {
        action: 'assessment.scores-submitted',
        subjectType: 'application',
        subjectId: assignment.applicationId,
        before: { status: assignment.status },
        after: { status: 'submitted', assignmentId },
      });
      return manager.findOneByOrFail(AssessorAssignment, { id: assignmentId });
    });
  }

  /** An officer unlocks submitted scores so the assessor can change them; the reason is recorded. */
  async reopen(assignmentId: string, reason: string, actor: Actor): Promise<AssessorAssignment> {
    const text = reason.trim();
    if (!text)
      throw new ValidationException([
        { field: 'reason', message: 'Enter why the scores are being reopened' },
      ]);
    return this.dataSource.transaction(async (manager) => {
      if (!isUuid(assignmentId)) throw new AssignmentNotFoundException();
      const assignment = await manager.findOne(AssessorAssignment, {
        where: { id: assignmentId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!assignment) throw new AssignmentNotFoundException();
      if (assignment.status !== 'submitted')
        throw new ValidationException([
          { field: 'assignmentId', message: 'Only submitted scores can be reopened' },
        ]);
      await manager.update(
        AssessorAssignment,
        { id: assignmentId },
        { status: 'accepted', submittedAt: null },
      );
      await this.audit.record(manager, actor, {
        action: 'assessment.scores-reopened',
        subjectType: 'application',
        subjectId: assignment.applicationId,
        before: { status: 'submitted' },
        after: { status: 'accepted', assignmentId },
        reason: text,
      });
      return manager.findOneByOrFail(AssessorAssignment, { id: assignmentId });
    });
  }

  private assertOpenable(assignment: AssessorAssignment): void {
    if (assignment.status === 'awaiting-declaration') throw new ConflictNotDeclaredException();
    // A declared conflict ends the assessor's access, as if never assigned.
    if (assignment.status === 'conflict') throw new AssignmentNotFoundException();
  }

  private async criteriaOf(
    manager: EntityManager,
    assignment: AssessorAssignment,
  ): Promise<AssessmentCriterion[]> {
    const rows: { round_id: string }[] = await manager.query(
      `SELECT round_id FROM applications WHERE id = $1`,
      [assignment.applicationId],
    );
    return this.rubric.criteria(rows[0].round_id, manager);
  }
}

function scoreErrors(input: ScoreInput[], criteria: AssessmentCriterion[]) {
  const errors: { field: string; message: string }[] = [];
  const seen = new Set<string>();
  for (const s of input) {
    const criterion = criteria.find((c) => c.id === s.criterionId);
    const field = `scores.${s.criterionId}`;
    if (!criterion) {
      errors.push({ field, message: 'Score only the criteria of this round' });
      continue;
    }
    if (seen.has(criterion.id))
      errors.push({ field, message: `${criterion.title} is scored twice` });
    seen.add(criterion.id);
    if (!Number.isInteger(s.score) || s.score < 0 || s.score > criterion.maxScore)
      errors.push({
        field,
        message: `Score ${criterion.title} with a whole number from 0 to ${criterion.maxScore}`,
      });
    if (s.comment.length > MAX_SCORE_COMMENT)
      errors.push({
        field,
        message: `The comment on ${criterion.title} must be ${MAX_SCORE_COMMENT} characters or fewer`,
      });
  }
  return errors;
}
