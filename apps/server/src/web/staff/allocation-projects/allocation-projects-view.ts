import type {
  AllocationProject,
  AllocationProjectsView,
  AllocationTotals,
  PartnerLedger,
  PartnerPosition,
  ReleaseView,
} from '@grants/allocations';
import { APPLICATION_STATUS_LABELS, APPLICATION_STATUS_TAGS } from '@grants/applications';
import { AWARD_STATUS_LABELS } from '@grants/awards';
import { formatPence, formatUk } from '@grants/core';

/** A partner's figures in pounds, in the order the tables show them. */
export function ledgerRow(l: AllocationTotals) {
  return {
    allocation: formatPence(l.allocationPence),
    requested: formatPence(l.requestedPence),
    pending: formatPence(l.pendingPence),
    approved: formatPence(l.approvedPence),
    paid: formatPence(l.paidPence),
    released: formatPence(l.releasedPence),
    unspent: formatPence(l.unspentPence),
  };
}

/** Only a project appraised as eligible waits for the decision maker. */
export const isDecidable = (p: Pick<AllocationProject, 'status'>) => p.status === 'eligible';

export function projectRow(p: AllocationProject) {
  return {
    applicationId: p.applicationId,
    reference: p.reference,
    title: p.title,
    requested: formatPence(p.requestedPence),
    approved: p.approvedPence === null ? 'None' : formatPence(p.approvedPence),
    status: APPLICATION_STATUS_LABELS[p.status],
    statusTag: APPLICATION_STATUS_TAGS[p.status],
    award: p.awardStatus ? AWARD_STATUS_LABELS[p.awardStatus] : null,
    decidable: isDecidable(p),
  };
}

function partnerSection(p: PartnerPosition, index: number) {
  return {
    id: `partner-${index + 1}`,
    organisationId: p.organisationId,
    name: p.name,
    ...ledgerRow(p),
    projects: p.projects.map(projectRow),
  };
}

export function releaseRows(releases: ReleaseView[]) {
  return releases.map((r, index) => ({
    id: `release-${index + 1}`,
    title: r.title,
    summary: r.summary,
    declarations: r.declarations,
    total: formatPence(r.totalPence),
    decidedAt: formatUk(r.decidedAt),
    decidedBy: r.decidedByName,
    lines: r.lines.map((l) => ({ name: l.name, amount: formatPence(l.amountPence) })),
  }));
}

/** The projects page: each partner's money and projects, the totals and the releases made. */
export function projectsPage(view: AllocationProjectsView) {
  return {
    recordNumber: view.decisionRecordNumber,
    pot: formatPence(view.potPence),
    totals: ledgerRow(view.totals),
    partners: view.partners.map(partnerSection),
    releases: releaseRows(view.releases),
    waitingCount: view.partners.reduce(
      (n, p) => n + p.projects.filter((project) => isDecidable(project)).length,
      0,
    ),
  };
}

/** One project with its partner, for the decision maker's page. */
export function findProject(view: AllocationProjectsView, applicationId: string) {
  for (const partner of view.partners) {
    const project = partner.projects.find((p) => p.applicationId === applicationId);
    if (project) return { partner, project };
  }
  return null;
}

/** Partners that still have money a release could give back, as the release form lists them. */
export function releasablePartners(partners: PartnerLedger[]) {
  return partners
    .filter((p) => p.unspentPence > 0)
    .map((p) => ({
      organisationId: p.organisationId,
      name: p.name,
      pendingPence: p.pendingPence,
      ...ledgerRow(p),
    }));
}
