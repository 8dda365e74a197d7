import { Actor, AuditService, Clock, isUuid, ValidationException } from '@grants/core';
import { type SignOffInput, validateRecordText } from '@grants/awards';
import { StaffUser } from '@grants/identity';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AllocationPlanNotFoundException } from '../allocations.exceptions';
import { AllocationPlan } from '../entities/allocation-plan.entity';
import { AllocationReleaseLine } from '../entities/allocation-release-line.entity';
import { AllocationRelease } from '../entities/allocation-release.entity';
import {
  AllocationNotPublishedException,
  NothingToReleaseException,
} from './allocation-projects.exceptions';
import type { ReleaseView } from './allocation-projects.view';
import { partnerLedgers } from './partner-ledger';

export interface ReleaseInput extends SignOffInput {
  /** The partners whose unspent allocation goes back (default: every partner with some). */
  organisationIds?: string[];
}

/**
 * Giving unspent allocation back to the pot, by a decision kept with its reasons and the
 * decision maker's declarations. Each partner's allocation row is locked first, so an approval
 * in flight either lands before the release (and is not released) or after it (and finds the
 * money gone). The round has one numbered decision record (the published allocations), so the
 * release is recorded here rather than as a second numbered record.
 */
@Injectable()
export class AllocationReleaseService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async release(actor: Actor, planId: string, input: ReleaseInput): Promise<ReleaseView> {
    const text = validateRecordText(input);
    const wanted = input.organisationIds;
    const releaseId = await this.dataSource.transaction(async (manager) => {
      const plan = isUuid(planId) ? await manager.findOneBy(AllocationPlan, { id: planId }) : null;
      if (!plan) throw new AllocationPlanNotFoundException();
      if (plan.status !== 'published') throw new AllocationNotPublishedException();
      // In the plan's order, always, so two releases at once cannot deadlock.
      const locked: { organisation_id: string }[] = await manager.query(
        `SELECT organisation_id FROM partner_allocations WHERE plan_id = $1
          ORDER BY position FOR UPDATE`,
        [plan.id],
      );
      const unknown = (wanted ?? []).filter((id) => !locked.some((l) => l.organisation_id === id));
      if (unknown.length > 0)
        throw new ValidationException([
          {
            field: 'organisationIds',
            message: `Not a partner in this plan: ${unknown.join(', ')}`,
          },
        ]);
      const lines = (await partnerLedgers(manager, plan.id)).filter(
        (l) => l.unspentPence > 0 && (!wanted || wanted.includes(l.organisationId)),
      );
      if (lines.length === 0) throw new NothingToReleaseException();
      const totalPence = lines.reduce((sum, l) => sum + l.unspentPence, 0);
      const release = await manager.save(
        manager.create(AllocationRelease, {
          planId: plan.id,
          ...text,
          totalPence,
          decidedAt: this.clock.now(),
          decidedById: actor.id,
          decidedByName: await nameOf(manager, actor),
        }),
      );
      await manager.insert(
        AllocationReleaseLine,
        lines.map((l) => ({
          releaseId: release.id,
          partnerAllocationId: l.partnerAllocationId,
          amountPence: l.unspentPence,
        })),
      );
      await this.audit.record(manager, actor, {
        action: 'allocation-plan.unspent-released',
        subjectType: 'allocation-plan',
        subjectId: plan.id,
        before: null,
        after: {
          releaseId: release.id,
          title: text.title,
          totalPence,
          partners: lines.map((l) => ({
            organisationId: l.organisationId,
            name: l.name,
            amountPence: l.unspentPence,
          })),
        },
      });
      return release.id;
    });
    const views = await releasesOf(this.dataSource.manager, planId);
    return views.find((r) => r.id === releaseId)!;
  }
}

/** A plan's releases, oldest first, each with its partners' amounts. */
export async function releasesOf(manager: EntityManager, planId: string): Promise<ReleaseView[]> {
  const releases = await manager.find(AllocationRelease, {
    where: { planId },
    order: { decidedAt: 'ASC' },
  });
  if (releases.length === 0) return [];
  const lines: { release_id: string; organisation_id: string; name: string; amount: string }[] =
    await manager.query(
      `SELECT l.release_id, pa.organisation_id, pa.organisation_name AS name, l.amount_pence AS amount
         FROM allocation_release_lines l
         JOIN partner_allocations pa ON pa.id = l.partner_allocation_id
        WHERE pa.plan_id = $1 ORDER BY pa.position`,
      [planId],
    );
  return releases.map((r) => ({
    id: r.id,
    title: r.title,
    summary: r.summary,
    declarations: r.declarations,
    totalPence: r.totalPence,
    decidedAt: r.decidedAt,
    decidedByName: r.decidedByName,
    lines: lines
      .filter((l) => l.release_id === r.id)
      .map((l) => ({
        organisationId: l.organisation_id,
        name: l.name,
        amountPence: Number(l.amount),
      })),
  }));
}

async function nameOf(manager: EntityManager, actor: Actor): Promise<string> {
  const user = actor.id ? await manager.findOneBy(StaffUser, { id: actor.id }) : null;
  return user?.displayName ?? actor.label;
}
