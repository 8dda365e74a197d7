import { EntityManager } from 'typeorm';
import { AllocationPlan } from '../entities/allocation-plan.entity';
import {
  AllocationNotPublishedException,
  NotAllocationPartnerException,
} from './allocation-projects.exceptions';
import { lockPartner } from './partner-ledger';

/**
 * The round's published plan, with the organisation checked to be one of its partners (and its
 * allocation row locked when asked). Refuses before publication and for anyone else.
 */
export async function publishedPlanFor(
  manager: EntityManager,
  roundId: string,
  organisationId: string,
  options: { lock?: boolean } = {},
): Promise<AllocationPlan> {
  const plan = await manager.findOneBy(AllocationPlan, { roundId });
  if (!plan || plan.status !== 'published') throw new AllocationNotPublishedException();
  const isPartner = options.lock
    ? await lockPartner(manager, plan.id, organisationId)
    : (
        await manager.query(
          'SELECT 1 FROM partner_allocations WHERE plan_id = $1 AND organisation_id = $2',
          [plan.id, organisationId],
        )
      ).length > 0;
  if (!isPartner) throw new NotAllocationPartnerException();
  return plan;
}
