import type { ApplicationStatus } from '@grants/applications';
import type { AwardStatus } from '@grants/awards';
import { EntityManager } from 'typeorm';
import type { PartnerLedger } from './partner-ledger';

/** A partner's project as the office sees it beside the allocation. */
export interface AllocationProject {
  applicationId: string;
  reference: string;
  title: string;
  status: ApplicationStatus;
  requestedPence: number;
  /** What its budget commitment holds now (null: not approved, or given back). */
  approvedPence: number | null;
  awardId: string | null;
  awardStatus: AwardStatus | null;
}

export interface PartnerPosition extends PartnerLedger {
  projects: AllocationProject[];
}

export interface ReleaseView {
  id: string;
  title: string;
  summary: string;
  declarations: string;
  totalPence: number;
  decidedAt: Date;
  decidedByName: string;
  lines: { organisationId: string; name: string; amountPence: number }[];
}

export interface AllocationTotals {
  allocationPence: number;
  requestedPence: number;
  pendingPence: number;
  approvedPence: number;
  paidPence: number;
  releasedPence: number;
  unspentPence: number;
}

/** A published plan's partners: allocation, asked for, approved, paid, released, unspent. */
export interface AllocationProjectsView {
  planId: string;
  roundId: string;
  decisionRecordNumber: string | null;
  potPence: number;
  totals: AllocationTotals;
  partners: PartnerPosition[];
  releases: ReleaseView[];
}

const TOTAL_KEYS = [
  'allocationPence',
  'requestedPence',
  'pendingPence',
  'approvedPence',
  'paidPence',
  'releasedPence',
  'unspentPence',
] as const;

export function totalsOf(ledgers: PartnerLedger[]): AllocationTotals {
  return Object.fromEntries(
    TOTAL_KEYS.map((key) => [key, ledgers.reduce((sum, l) => sum + l[key], 0)]),
  ) as unknown as AllocationTotals;
}

/** Every project sent in to the round (a draft is no one's business but the partner's). */
export async function projectsOf(
  manager: EntityManager,
  roundId: string,
): Promise<Map<string, AllocationProject[]>> {
  const rows: {
    id: string;
    organisation_id: string;
    reference: string;
    project_title: string;
    status: ApplicationStatus;
    amount_requested_pence: string | null;
    committed: string | null;
    award_id: string | null;
    award_status: AwardStatus | null;
  }[] = await manager.query(
    `SELECT a.id, a.organisation_id, a.reference, a.project_title, a.status,
            a.amount_requested_pence, c.amount_pence AS committed,
            w.id AS award_id, w.status AS award_status
       FROM applications a
       LEFT JOIN budget_commitments c ON c.application_id = a.id
       LEFT JOIN awards w ON w.application_id = a.id
      WHERE a.round_id = $1 AND a.reference IS NOT NULL
      ORDER BY a.sequence`,
    [roundId],
  );
  const byOrganisation = new Map<string, AllocationProject[]>();
  for (const r of rows) {
    const list = byOrganisation.get(r.organisation_id) ?? [];
    list.push({
      applicationId: r.id,
      reference: r.reference,
      title: r.project_title,
      status: r.status,
      requestedPence: Number(r.amount_requested_pence ?? 0),
      approvedPence: r.committed === null ? null : Number(r.committed),
      awardId: r.award_id,
      awardStatus: r.award_status,
    });
    byOrganisation.set(r.organisation_id, list);
  }
  return byOrganisation;
}
