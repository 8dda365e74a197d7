import type { JsonObject } from '../util/json';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { SqlExpr, StatementParams } from '../database/statement-parts';
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

  /**
   * The same event as a step of a one-statement write (see statement-parts): written once for
   * each row of `source` (CTE names, as a FROM list), so it exists exactly when the change does.
   * Any field, the actor's too, may be an expression over `source`.
   */
  insertStep(
    source: string,
    actor: { [K in keyof Actor]: Actor[K] | SqlExpr },
    entry: {
      [K in keyof AuditEntry]: AuditEntry[K] | SqlExpr;
    },
    params: StatementParams,
  ): string {
    const json = (value: AuditEntry['before'] | SqlExpr | undefined) => params.json(value ?? null);
    return `INSERT INTO audit_events (actor_type, actor_id, actor_label, action, subject_type, subject_id, before, after, reason)
            SELECT ${params.value(actor.type)}, ${params.value(actor.id, 'uuid')}, ${params.value(actor.label)},
                   ${params.value(entry.action)}, ${params.value(entry.subjectType)}, ${params.value(entry.subjectId, 'text')},
                   ${json(entry.before)}, ${json(entry.after)}, ${params.value(entry.reason ?? null, 'text')}
              FROM ${source}`;
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
