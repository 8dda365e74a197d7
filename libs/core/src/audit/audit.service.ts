import type { JsonObject } from '../util/json';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor } from './actor';
import { AuditEvent } from './audit-event.entity';

export interface AuditEntry {
  action: string;
  subjectType: string;
  subjectId: string;
  before?: JsonObject | null;
  after?: JsonObject | null;
  reason?: string | null;
}

@Injectable()
export class AuditService {
  /** Takes the caller's transaction manager: the event commits or rolls back with the change. */
  async record(manager: EntityManager, actor: Actor, entry: AuditEntry): Promise<void> {
    await manager.insert(AuditEvent, {
      actorType: actor.type,
      actorId: actor.id,
      actorLabel: actor.label,
      action: entry.action,
      subjectType: entry.subjectType,
      subjectId: entry.subjectId,
      before: entry.before ?? null,
      after: entry.after ?? null,
      reason: entry.reason ?? null,
    });
  }

  forSubject(
    manager: EntityManager,
    subjectType: string,
    subjectId: string,
  ): Promise<AuditEvent[]> {
    return manager.find(AuditEvent, {
      where: { subjectType, subjectId },
      order: { occurredAt: 'ASC' },
    });
  }
}
