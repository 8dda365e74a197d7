import type { DecisionPackage, DecisionRow } from '@grants/awards';
import { formatPence, formatUk } from '@grants/core';
import { bpToPercentText } from '../../forms';

/** The fields of one row's forms (and where their errors point). */
export function decisionFieldIds(applicationId: string) {
  return {
    amount: `amount-${applicationId}`,
    amountReason: `amountReason-${applicationId}`,
    declineReason: `declineReason-${applicationId}`,
  };
}

const OUTCOME_TAGS = {
  approved: { text: 'Approved', classes: 'govuk-tag--green' },
  declined: { text: 'Declined', classes: 'govuk-tag--red' },
} as const;

function rowView(row: DecisionRow) {
  const d = row.decision;
  return {
    applicationId: row.applicationId,
    rank: row.rank,
    reference: row.reference,
    organisationName: row.organisationName,
    projectTitle: row.projectTitle,
    percentage: row.percentage,
    requested: formatPence(row.amountRequestedPence),
    recommended: row.recommended,
    withdrawn: row.withdrawn,
    overrideReason: row.overrideReason,
    decision: d
      ? {
          outcome: d.outcome,
          tag: OUTCOME_TAGS[d.outcome],
          amount: d.amountPence === null ? null : formatPence(d.amountPence),
          amended: d.amountPence !== null && d.amountPence !== row.amountRequestedPence,
          amountReason: d.amountReason,
          reason: d.reason,
          decidedAt: formatUk(d.decidedAt),
        }
      : null,
    feedback: row.feedback,
    ids: decisionFieldIds(row.applicationId),
  };
}

/** The decision package as the page shows it: money as pounds, times in UK time. */
export function decisionPage(pkg: DecisionPackage) {
  const record = pkg.record;
  return {
    status: pkg.status,
    submittedAt: pkg.submittedAt ? formatUk(pkg.submittedAt) : null,
    threshold: bpToPercentText(pkg.thresholdBp),
    thresholdReason: pkg.thresholdReason,
    rows: pkg.rows.map(rowView),
    budget: {
      budget: formatPence(pkg.budget.budgetPence),
      committed: formatPence(pkg.budget.committedPence),
      available: formatPence(pkg.budget.availablePence),
    },
    totals: {
      approvedCount: pkg.approvedCount,
      approved: formatPence(pkg.approvedPence),
      declinedCount: pkg.declinedCount,
      undecidedCount: pkg.undecidedCount,
      recommendedCount: pkg.rows.filter((r) => r.recommended).length,
      notRecommendedCount: pkg.rows.filter((r) => !r.recommended).length,
    },
    undecided: pkg.rows
      .filter((r) => r.recommended && !r.decision && !r.withdrawn)
      .map((r) => r.reference),
    record: record
      ? {
          number: record.number,
          title: record.title,
          signedOffAt: formatUk(record.signedOffAt),
          signedOffByName: record.signedOffByName,
          totalAwarded: formatPence(record.totalAwardedPence),
          awardsCount: record.awardsCount,
          declinedCount: record.declinedCount,
          publishedAt: record.publishedAt ? formatUk(record.publishedAt) : null,
          publicHref: `/decisions/${encodeURIComponent(record.number)}`,
        }
      : null,
  };
}

/** The title the sign-off form starts with, like "Commissioner's Safety Fund: General grants". */
export function defaultRecordTitle(round: { title: string; fund: { name: string } }): string {
  return `${round.fund.name}: ${round.title} grants`;
}
