import { CommitmentPolicies, CommitmentPolicy } from '@grants/funds';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AllocationExceededException } from './allocation-projects.exceptions';
import { lockPartner, partnerLedgers } from './partner-ledger';

/**
 * Every commitment of an allocation round's money stays within the partner's allocation: a
 * project's approval and a grant made larger later (an approved variation) alike, since both go
 * through the round's budget.
 */
@Injectable()
export class AllocationCommitmentPolicy implements CommitmentPolicy, OnModuleInit {
  constructor(private readonly policies: CommitmentPolicies) {}

  onModuleInit(): void {
    this.policies.register(this);
  }

  async assertMayCommit(
    manager: EntityManager,
    roundId: string,
    applicationId: string,
    amountPence: number,
  ): Promise<void> {
    const [partner]: { plan_id: string; organisation_id: string; committed: string | null }[] =
      await manager.query(
        `SELECT p.id AS plan_id, a.organisation_id,
                (SELECT c.amount_pence FROM budget_commitments c WHERE c.application_id = a.id)
                  AS committed
           FROM allocation_plans p JOIN applications a ON a.round_id = p.round_id
          WHERE p.round_id = $1 AND a.id = $2 AND p.status = 'published'`,
        [roundId, applicationId],
      );
    if (!partner) return;
    await lockPartner(manager, partner.plan_id, partner.organisation_id);
    const [ledger] = await partnerLedgers(manager, partner.plan_id, {
      organisationId: partner.organisation_id,
    });
    // The application's own commitment is in the ledger's approved figure already.
    const increase = amountPence - Number(partner.committed ?? 0);
    if (ledger && increase > 0 && increase > ledger.unspentPence)
      throw new AllocationExceededException(
        increase,
        ledger.unspentPence,
        { ...ledger, pendingPence: 0 },
        'approved',
      );
  }
}
