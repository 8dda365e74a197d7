import type {
  DecisionPackage,
  DecisionPackageDto,
  DecisionRecordDto,
  DecisionRecordView,
} from '@grants/awards';

/* The decision services' answers as plain JSON: money in whole pence, times as ISO strings. */

const iso = (date: Date | null) => (date ? date.toISOString() : null);

export function decisionPackageView(pkg: DecisionPackage): DecisionPackageDto {
  return {
    roundId: pkg.roundId,
    status: pkg.status,
    submittedAt: iso(pkg.submittedAt),
    thresholdBp: pkg.thresholdBp,
    thresholdReason: pkg.thresholdReason,
    rows: pkg.rows.map((row) => ({
      rank: row.rank,
      applicationId: row.applicationId,
      reference: row.reference,
      organisationName: row.organisationName,
      projectTitle: row.projectTitle,
      percentage: row.percentage,
      recommended: row.recommended,
      overrideReason: row.overrideReason,
      amountRequestedPence: row.amountRequestedPence,
      decision: row.decision && {
        ...row.decision,
        decidedAt: row.decision.decidedAt.toISOString(),
      },
      feedback: row.feedback,
    })),
    budget: { ...pkg.budget },
    approvedCount: pkg.approvedCount,
    approvedPence: pkg.approvedPence,
    declinedCount: pkg.declinedCount,
    undecidedCount: pkg.undecidedCount,
    record: pkg.record && {
      number: pkg.record.number,
      signedOffAt: pkg.record.signedOffAt.toISOString(),
      signedOffByName: pkg.record.signedOffByName,
      publishedAt: iso(pkg.record.publishedAt),
    },
  };
}

export function decisionRecordView(record: DecisionRecordView): DecisionRecordDto {
  return {
    number: record.number,
    roundId: record.roundId,
    title: record.title,
    summary: record.summary,
    declarations: record.declarations,
    roundTitle: record.roundTitle,
    fundName: record.fundName,
    budgetPence: record.budgetPence,
    totalAwardedPence: record.totalAwardedPence,
    awardsCount: record.awardsCount,
    declinedCount: record.declinedCount,
    signedOffAt: record.signedOffAt.toISOString(),
    signedOffByName: record.signedOffByName,
    publishedAt: iso(record.publishedAt),
    awards: record.awards.map((a) => ({ ...a })),
  };
}
