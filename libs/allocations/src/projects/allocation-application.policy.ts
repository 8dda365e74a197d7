import { Application, ApplicationPolicies, ApplicationPolicy } from '@grants/applications';
import { GrantRound } from '@grants/funds';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  AllocationExceededException,
  PlanThemesMissingException,
} from './allocation-projects.exceptions';
import { partnerLedgers } from './partner-ledger';
import { publishedPlanFor } from './published-partner';

/**
 * The ordinary application journey, in an allocation round: only the published plan's partners
 * apply, every project links to the Police and Crime Plan (the round must have themes for the
 * journey to ask for them), and a submission may not take what the partner has asked for and
 * been given past its allocation.
 */
@Injectable()
export class AllocationApplicationPolicy implements ApplicationPolicy, OnModuleInit {
  constructor(private readonly policies: ApplicationPolicies) {}

  onModuleInit(): void {
    this.policies.register(this);
  }

  async assertMayStart(
    manager: EntityManager,
    round: GrantRound,
    organisationId: string,
  ): Promise<void> {
    if (round.decisionMethod !== 'allocation') return;
    if (round.planThemes.length === 0) throw new PlanThemesMissingException();
    await publishedPlanFor(manager, round.id, organisationId);
  }

  governsSubmission(round: GrantRound): boolean {
    return round.decisionMethod === 'allocation';
  }

  async assertMaySubmit(manager: EntityManager, application: Application): Promise<void> {
    const { round } = application;
    if (!this.governsSubmission(round)) return;
    if (round.planThemes.length === 0) throw new PlanThemesMissingException();
    const plan = await publishedPlanFor(manager, round.id, application.organisationId, {
      lock: true,
    });
    const [ledger] = await partnerLedgers(manager, plan.id, {
      organisationId: application.organisationId,
      except: application.id,
    });
    const requested = application.amountRequestedPence ?? 0;
    const left = ledger.unspentPence - ledger.pendingPence;
    if (requested > left)
      throw new AllocationExceededException(requested, left, ledger, 'requested');
  }
}
