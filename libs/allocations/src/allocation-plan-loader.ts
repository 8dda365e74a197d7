import { isUuid } from '@grants/core';
import { DecisionRecord } from '@grants/awards';
import { EntityManager } from 'typeorm';
import { AllocationPlanNotFoundException } from './allocations.exceptions';
import { AllocationIndicator } from './entities/allocation-indicator.entity';
import { AllocationPartner } from './entities/allocation-partner.entity';
import { AllocationPlan } from './entities/allocation-plan.entity';
import { IndicatorValue } from './entities/indicator-value.entity';
import { PartnerAllocation } from './entities/partner-allocation.entity';

/** A plan with everything that goes into its allocations, in display order. */
export interface LoadedPlan {
  plan: AllocationPlan;
  /** With their organisations. */
  partners: AllocationPartner[];
  indicators: AllocationIndicator[];
  values: IndicatorValue[];
  allocations: PartnerAllocation[];
  decisionRecordNumber: string | null;
}

/** Locks the plan row when asked, so edits and publishing take turns. */
export async function loadPlan(
  manager: EntityManager,
  planId: string,
  options: { lock?: boolean } = {},
): Promise<LoadedPlan> {
  const plan = isUuid(planId)
    ? await manager.findOne(AllocationPlan, {
        where: { id: planId },
        ...(options.lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
      })
    : null;
  if (!plan) throw new AllocationPlanNotFoundException();
  // One after another: inside a transaction they share one connection.
  const partners = await manager.find(AllocationPartner, {
    where: { planId: plan.id },
    relations: { organisation: true },
    order: { position: 'ASC' },
  });
  const indicators = await manager.find(AllocationIndicator, {
    where: { planId: plan.id },
    order: { position: 'ASC' },
  });
  const allocations = await manager.find(PartnerAllocation, {
    where: { planId: plan.id },
    order: { position: 'ASC' },
  });
  const values = partners.length
    ? await manager
        .createQueryBuilder(IndicatorValue, 'v')
        .innerJoin('v.partner', 'p')
        .where('p.plan_id = :planId', { planId: plan.id })
        .getMany()
    : [];
  const record = plan.decisionRecordId
    ? await manager.findOneBy(DecisionRecord, { id: plan.decisionRecordId })
    : null;
  return {
    plan,
    partners,
    indicators,
    values,
    allocations,
    decisionRecordNumber: record?.number ?? null,
  };
}
