import type { ApplicationStatus } from '@grants/applications';
import { STANDING_AWARD_STATUSES } from '@grants/awards';
import { EntityManager } from 'typeorm';

/** Sent in and waiting for a decision: what the partner has asked for but not been given. */
export const PENDING_STATUSES: readonly ApplicationStatus[] = [
  'submitted',
  'more-information',
  'returned',
  'eligible',
];

/**
 * One partner's money in a published plan. Approved is what its projects' budget commitments
 * hold now (an offer declined or lapsed, a grant closed under budget gives money back to the
 * partner, as monitoring adjusts the commitment); released has gone back to the pot for good.
 */
export interface PartnerLedger {
  partnerAllocationId: string;
  organisationId: string;
  name: string;
  allocationPence: number;
  /**
   * Every project sent in and still standing, as asked for: waiting for a decision, or approved
   * with its offer not turned down or lapsed (not withdrawn, declined or ineligible).
   */
  requestedPence: number;
  /** Of those, the projects still waiting for a decision. */
  pendingPence: number;
  approvedPence: number;
  paidPence: number;
  releasedPence: number;
  /** allocation − approved − released: what approvals may still use, and a release can give back. */
  unspentPence: number;
}

interface Row {
  id: string;
  organisation_id: string;
  organisation_name: string;
  amount_pence: string;
  requested: string;
  pending: string;
  approved: string;
  paid: string;
  released: string;
}

/**
 * The ledgers of a plan's partners (or one partner), in the plan's order. `except` leaves one
 * application out of what is pending (the one being submitted, whose amount is the question).
 * Callers that act on the figures lock the partner's allocation row first (lockPartner).
 */
export async function partnerLedgers(
  manager: EntityManager,
  planId: string,
  options: { organisationId?: string; except?: string } = {},
): Promise<PartnerLedger[]> {
  const rows: Row[] = await manager.query(
    `SELECT pa.id, pa.organisation_id, pa.organisation_name, pa.amount_pence,
       (SELECT COALESCE(SUM(a.amount_requested_pence), 0) FROM applications a
         WHERE a.round_id = p.round_id AND a.organisation_id = pa.organisation_id
           AND a.status = ANY($2) AND a.id IS DISTINCT FROM $4::uuid) AS pending,
       (SELECT COALESCE(SUM(a.amount_requested_pence), 0) FROM applications a
         WHERE a.round_id = p.round_id AND a.organisation_id = pa.organisation_id
           AND (a.status = ANY($2) OR EXISTS (SELECT 1 FROM awards w
             WHERE w.application_id = a.id AND w.status = ANY($5)))) AS requested,
       (SELECT COALESCE(SUM(c.amount_pence), 0) FROM budget_commitments c
         JOIN applications a ON a.id = c.application_id
         WHERE c.round_id = p.round_id AND a.organisation_id = pa.organisation_id) AS approved,
       (SELECT COALESCE(SUM(g.amount_pence), 0) FROM grant_payments g
         JOIN awards w ON w.id = g.award_id
         WHERE w.round_id = p.round_id AND w.organisation_id = pa.organisation_id
           AND g.status = 'paid') AS paid,
       (SELECT COALESCE(SUM(l.amount_pence), 0) FROM allocation_release_lines l
         WHERE l.partner_allocation_id = pa.id) AS released
     FROM partner_allocations pa JOIN allocation_plans p ON p.id = pa.plan_id
     WHERE pa.plan_id = $1 AND ($3::uuid IS NULL OR pa.organisation_id = $3)
     ORDER BY pa.position`,
    [
      planId,
      PENDING_STATUSES,
      options.organisationId ?? null,
      options.except ?? null,
      STANDING_AWARD_STATUSES,
    ],
  );
  return rows.map((r) => {
    const allocationPence = Number(r.amount_pence);
    const approvedPence = Number(r.approved);
    const releasedPence = Number(r.released);
    return {
      partnerAllocationId: r.id,
      organisationId: r.organisation_id,
      name: r.organisation_name,
      allocationPence,
      requestedPence: Number(r.requested),
      pendingPence: Number(r.pending),
      approvedPence,
      paidPence: Number(r.paid),
      releasedPence,
      unspentPence: allocationPence - approvedPence - releasedPence,
    };
  });
}

/**
 * The partner's allocation row, locked: every submission, approval and release for the partner
 * takes it, so two at once queue up and the second sees what the first did. Callers lock the
 * application first (the order every path keeps, so none can deadlock).
 */
export async function lockPartner(
  manager: EntityManager,
  planId: string,
  organisationId: string,
): Promise<boolean> {
  const rows: unknown[] = await manager.query(
    `SELECT id FROM partner_allocations WHERE plan_id = $1 AND organisation_id = $2 FOR UPDATE`,
    [planId, organisationId],
  );
  return rows.length > 0;
}
