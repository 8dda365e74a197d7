import { Actor, AuditService, Clock, isUuid, ValidationException } from '@grants/core';
import { Application, ApplicationNotFoundException } from '@grants/applications';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ScoreModeration } from './entities/score-moderation.entity';

export const MAX_MODERATION_NOTE = 3000;

/**
 * Moderation: where assessors' percentages are further apart than the round allows, a moderator
 * records an agreed score or a note. The flag and its resolution show in the scores overview.
 */
@Injectable()
export class ModerationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async record(
    applicationId: string,
    input: { agreedScoreBp: number | null; note: string },
    actor: Actor,
  ): Promise<ScoreModeration> {
    const note = input.note.trim();
    const errors = [];
    if (!note)
      errors.push({
        field: 'note',
        message: 'Enter a note: how the assessors’ scores were resolved',
      });
    if (note.length > MAX_MODERATION_NOTE)
      errors.push({
        field: 'note',
        message: `The note must be ${MAX_MODERATION_NOTE} characters or fewer`,
      });
    const bp = input.agreedScoreBp;
    if (bp !== null && (!Number.isInteger(bp) || bp < 0 || bp > 10000))
      errors.push({
        field: 'agreedScore',
        message: 'The agreed score must be a percentage from 0 to 100, with at most two decimals',
      });
    if (errors.length > 0) throw new ValidationException(errors);
    return this.dataSource.transaction(async (manager) => {
      if (!isUuid(applicationId)) throw new ApplicationNotFoundException();
      const application = await manager.findOne(Application, {
        where: { id: applicationId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!application || application.status !== 'eligible')
        throw new ApplicationNotFoundException();
      const before = await manager.findOneBy(ScoreModeration, { applicationId });
      const row = {
        applicationId,
        agreedScoreBp: bp,
        note,
        moderatedById: actor.id,
        moderatedAt: this.clock.now(),
      };
      await manager.upsert(ScoreModeration, row, ['applicationId']);
      await this.audit.record(manager, actor, {
        action: 'assessment.moderated',
        subjectType: 'application',
        subjectId: applicationId,
        before: before ? { agreedScoreBp: before.agreedScoreBp } : null,
        after: { agreedScoreBp: bp },
        reason: note,
      });
      return manager.findOneByOrFail(ScoreModeration, { applicationId });
    });
  }

  forRound(roundId: string): Promise<ScoreModeration[]> {
    return this.dataSource
      .getRepository(ScoreModeration)
      .createQueryBuilder('m')
      .innerJoin('m.application', 'a')
      .where('a.round_id = :roundId', { roundId })
      .getMany();
  }
}
