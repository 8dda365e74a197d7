import { Actor, AuditService, Clock, isUuid, ValidationException } from '@grants/core';
import { Application, ApplicationNotFoundException } from '@grants/applications';
import { StaffUser } from '@grants/identity';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { AssignmentNotFoundException, NotScoredRoundException } from './assessment.exceptions';
import { AssessorAssignment } from './entities/assessor-assignment.entity';
import { RubricService } from './rubric.service';

export const MAX_CONFLICT_NOTE = 2000;

/**
 * Who scores what. Officers assign assessors to eligible applications by hand or N each spread
 * evenly; the first assignment freezes the rubric. Before opening an application an assessor
 * declares any conflict of interest; a conflict removes the assignment (kept as the record).
 */
@Injectable()
export class AssignmentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly rubric: RubricService,
    private readonly clock: Clock,
  ) {}

  async assign(
    applicationId: string,
    assessorIds: string[],
    actor: Actor,
  ): Promise<AssessorAssignment[]> {
    return this.dataSource.transaction(async (manager) => {
      const application = await this.lockEligible(manager, applicationId);
      await this.assertAssessors(manager, assessorIds);
      await this.startScoring(manager, application.roundId);
      const created = await this.insert(manager, application.id, assessorIds, actor);
      return created;
    });
  }

  /**
   * Gives each eligible application of the round `perApplication` assessors from those listed,
   * least loaded first (ties by the order given), never the same assessor twice on one
   * application nor one who declared a conflict on it. Applications that already have enough
   * keep what they have. Returns how many assignments were made.
   */
  async spread(
    roundId: string,
    perApplication: number,
    assessorIds: string[],
    actor: Actor,
  ): Promise<number> {
    if (
      !Number.isInteger(perApplication) ||
      perApplication < 1 ||
      perApplication > assessorIds.length
    )
      throw new ValidationException([
        {
          field: 'perApplication',
          message: `Choose from 1 to ${assessorIds.length} assessors for each application (as many as are selected)`,
        },
      ]);
    return this.dataSource.transaction(async (manager) => {
      await this.assertAssessors(manager, assessorIds);
      // One spread at a time per round, so two officers do not double up.
      await manager.query(`SELECT id FROM grant_rounds WHERE id = $1 FOR UPDATE`, [roundId]);
      await this.startScoring(manager, roundId);
      const applications = await manager.find(Application, {
        where: { roundId, status: 'eligible' },
        order: { sequence: 'ASC' },
        select: { id: true },
      });
      const existing = await manager.find(AssessorAssignment, {
        where: { applicationId: In(applications.map((a) => a.id)) },
      });
      const load = new Map(assessorIds.map((id) => [id, 0]));
      for (const a of existing)
        if (a.status !== 'conflict' && load.has(a.assessorId))
          load.set(a.assessorId, load.get(a.assessorId)! + 1);
      let made = 0;
      for (const application of applications) {
        const mine = existing.filter((a) => a.applicationId === application.id);
        const active = mine.filter((a) => a.status !== 'conflict').length;
        const taken = new Set(mine.map((a) => a.assessorId));
        const chosen = assessorIds
          .filter((id) => !taken.has(id))
          .sort(
            (x, y) =>
              load.get(x)! - load.get(y)! || assessorIds.indexOf(x) - assessorIds.indexOf(y),
          )
          .slice(0, Math.max(0, perApplication - active));
        for (const id of chosen) load.set(id, load.get(id)! + 1);
        made += (await this.insert(manager, application.id, chosen, actor)).length;
      }
      return made;
    });
  }

  /** The assessor's own assignments (never anyone else's). */
  forAssessor(assessorId: string): Promise<AssessorAssignment[]> {
    return this.dataSource.getRepository(AssessorAssignment).find({
      where: { assessorId },
      relations: { application: { round: true, organisation: true } },
      order: { assignedAt: 'ASC' },
    });
  }

  /** Every assignment in the round, in one query, conflicts included (they need reassigning). */
  forRound(roundId: string): Promise<AssessorAssignment[]> {
    return this.dataSource.getRepository(AssessorAssignment).find({
      where: { application: { roundId } },
      relations: { assessor: true, application: { round: true, organisation: true } },
      order: { application: { sequence: 'ASC' }, assignedAt: 'ASC' },
    });
  }

  forApplication(applicationId: string): Promise<AssessorAssignment[]> {
    return this.dataSource.getRepository(AssessorAssignment).find({
      where: { applicationId },
      relations: { assessor: true },
      order: { assignedAt: 'ASC' },
    });
  }

  /** Only the assessor it belongs to may answer; anyone else gets the same 404 as no assignment. */
  async declare(
    assignmentId: string,
    assessor: Pick<StaffUser, 'id'>,
    declaration: { conflict: boolean; note?: string },
    actor: Actor,
  ): Promise<AssessorAssignment> {
    const note = declaration.note?.trim() ?? '';
    if (declaration.conflict && !note)
      throw new ValidationException([
        { field: 'note', message: 'Say what the conflict of interest is (it is recorded)' },
      ]);
    if (note.length > MAX_CONFLICT_NOTE)
      throw new ValidationException([
        { field: 'note', message: `The note must be ${MAX_CONFLICT_NOTE} characters or fewer` },
      ]);
    return this.dataSource.transaction(async (manager) => {
      const assignment = await this.findOwn(manager, assignmentId, assessor.id);
      // A declared conflict ends the assessor's access, as if never assigned.
      if (assignment.status === 'conflict') throw new AssignmentNotFoundException();
      if (assignment.status !== 'awaiting-declaration')
        throw new ValidationException([
          {
            field: 'conflict',
            message: 'You have already made your declaration for this application',
          },
        ]);
      const status = declaration.conflict ? 'conflict' : 'accepted';
      await manager.update(
        AssessorAssignment,
        { id: assignmentId },
        { status, declaredAt: this.clock.now(), conflictNote: note || null },
      );
      await this.audit.record(manager, actor, {
        action: declaration.conflict
          ? 'assessment.conflict-declared'
          : 'assessment.no-conflict-declared',
        subjectType: 'application',
        subjectId: assignment.applicationId,
        before: { status: 'awaiting-declaration' },
        after: { status, assignmentId },
        reason: note || null,
      });
      return manager.findOneByOrFail(AssessorAssignment, { id: assignmentId });
    });
  }

  /** The assignment if it is this assessor's; locked when `lock` (inside a transaction). */
  async findOwn(
    manager: EntityManager,
    assignmentId: string,
    assessorId: string,
    lock = true,
  ): Promise<AssessorAssignment> {
    if (!isUuid(assignmentId)) throw new AssignmentNotFoundException();
    const assignment = await manager.findOne(AssessorAssignment, {
      where: { id: assignmentId },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!assignment || assignment.assessorId !== assessorId)
      throw new AssignmentNotFoundException();
    return assignment;
  }

  private async insert(
    manager: EntityManager,
    applicationId: string,
    assessorIds: string[],
    actor: Actor,
  ): Promise<AssessorAssignment[]> {
    if (assessorIds.length === 0) return [];
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into(AssessorAssignment)
      .values(
        assessorIds.map((assessorId) => ({ applicationId, assessorId, assignedById: actor.id })),
      )
      .orIgnore()
      .returning(['id'])
      .execute();
    const ids = (result.raw as { id: string }[]).map((r) => r.id);
    if (ids.length === 0) return [];
    const created = await manager.findBy(AssessorAssignment, { id: In(ids) });
    await this.audit.record(manager, actor, {
      action: 'assessment.assigned',
      subjectType: 'application',
      subjectId: applicationId,
      after: { assessorIds: created.map((a) => a.assessorId) },
    });
    return created;
  }

  private async lockEligible(manager: EntityManager, applicationId: string): Promise<Application> {
    if (!isUuid(applicationId)) throw new ApplicationNotFoundException();
    const application = await manager.findOne(Application, {
      where: { id: applicationId },
      relations: { round: true },
      lock: { mode: 'pessimistic_write', tables: ['applications'] },
    });
    if (!application) throw new ApplicationNotFoundException();
    if (application.round.decisionMethod !== 'scored') throw new NotScoredRoundException();
    if (application.status !== 'eligible')
      throw new ValidationException([
        {
          field: 'applicationId',
          message: 'Only applications found eligible can be assigned for scoring',
        },
      ]);
    return application;
  }

  private async assertAssessors(manager: EntityManager, ids: string[]): Promise<void> {
    const valid = ids.filter(isUuid);
    const found = valid.length
      ? await manager.find(StaffUser, { where: { id: In(valid), active: true } })
      : [];
    const assessors = new Set(found.filter((u) => u.roles.includes('assessor')).map((u) => u.id));
    if (ids.length === 0 || ids.some((id) => !assessors.has(id)))
      throw new ValidationException([
        {
          field: 'assessorIds',
          message: 'Choose assessors from the list: each must have the assessor role',
        },
      ]);
  }

  /** The round needs criteria to score against; the first assignment freezes them. */
  private async startScoring(manager: EntityManager, roundId: string): Promise<void> {
    const criteria = await this.rubric.freeze(manager, roundId);
    if (criteria.length === 0)
      throw new ValidationException([
        {
          field: 'criteria',
          message: 'Set the round’s scoring criteria before assigning assessors',
        },
      ]);
  }
}
