import { Recommendation, SCORE_BAND_LABELS } from '@grants/assessment';
import { formatPence } from '@grants/core';
import { bpToPercentText } from '../../forms';

const BAND_TAGS = {
  recommend: 'govuk-tag--green',
  reserve: 'govuk-tag--yellow',
  'not-recommended': 'govuk-tag--grey',
} as const;

/** The field a row's move reason is typed in (and its errors point at). */
export function reasonFieldId(applicationId: string): string {
  return `reason-${applicationId}`;
}

/** The recommendation as the page shows it: money as pounds, the first row over budget marked. */
export function recommendationPage(rec: Recommendation) {
  let overMarked = false;
  const rows = rec.rows.map((r) => {
    // "Over budget from here": the first recommended row that no longer fits.
    const overFromHere = r.recommended && !r.fitsBudget && !overMarked;
    if (overFromHere) overMarked = true;
    return {
      applicationId: r.applicationId,
      rank: r.rank,
      reference: r.reference,
      organisationName: r.organisationName,
      projectTitle: r.projectTitle,
      amount: r.amountRequestedPence === null ? '' : formatPence(r.amountRequestedPence),
      percentage: r.percentage,
      bandLabel: r.band ? SCORE_BAND_LABELS[r.band] : '',
      bandTag: r.band ? BAND_TAGS[r.band] : '',
      recommended: r.recommended,
      meetsThreshold: r.meetsThreshold,
      override: r.override,
      cumulative: r.recommended ? formatPence(r.cumulativePence) : '',
      overFromHere,
      reasonFieldId: reasonFieldId(r.applicationId),
      // Feedback for the applicant can be written until the decision is made.
      feedbackOpen: r.status === 'eligible',
    };
  });
  return {
    status: rec.status,
    submitted: rec.status === 'submitted',
    threshold: bpToPercentText(rec.thresholdBp),
    roundThreshold: bpToPercentText(rec.roundThresholdBp),
    thresholdRaised: rec.thresholdBp !== rec.roundThresholdBp,
    thresholdReason: rec.thresholdReason,
    rows,
    totals: {
      budget: formatPence(rec.budgetPence),
      committed: formatPence(rec.committedPence),
      available: formatPence(rec.availablePence),
      recommended: formatPence(rec.recommendedPence),
      recommendedCount: rec.recommendedCount,
      remaining: formatPence(rec.remainingPence),
      overBudget: rec.remainingPence < 0,
    },
  };
}
