import { formatCalendarDate, formatPence, formatUkDate } from '@grants/core';
import {
  AwardVariation,
  GrantPayment,
  GrantSummary,
  MonitoringReturn,
  RAG_LABELS,
  RagStatus,
  returnTitle,
} from '@grants/monitoring';

/** A RAG status as a GOV.UK tag; "self-assessed" when only the grantee has given it. */
export interface RagTag {
  text: string;
  classes: string;
}

const RAG_TAG_CLASSES: Record<RagStatus, string> = {
  green: 'govuk-tag--green',
  amber: 'govuk-tag--orange',
  red: 'govuk-tag--red',
};

const RAG_WORDS: Record<RagStatus, string> = { green: 'Green', amber: 'Amber', red: 'Red' };

export function ragTag(rag: RagStatus | null, source: 'officer' | 'grantee' | null): RagTag {
  if (!rag) return { text: 'No return yet', classes: 'govuk-tag--grey' };
  return {
    text: source === 'grantee' ? `${RAG_WORDS[rag]} (self-assessed)` : RAG_WORDS[rag],
    classes: RAG_TAG_CLASSES[rag],
  };
}

/** One grant's line in the portfolio. */
export function portfolioRow(g: GrantSummary) {
  return {
    href: `/staff/grants/${g.awardId}`,
    reference: g.reference,
    organisationName: g.organisationName,
    projectTitle: g.projectTitle,
    roundTitle: g.roundTitle,
    amount: formatPence(g.amountPence),
    paid: formatPence(g.paidPence),
    nextReturnDue: g.nextReturnDueOn ? formatCalendarDate(g.nextReturnDueOn) : 'None',
    overdue: g.overdueReturns,
    toReview: g.returnsToReview,
    changeRequested: g.variationRequested ? 'Yes' : 'No',
    rag: ragTag(g.rag, g.ragSource),
  };
}

const PAYMENT_STATUS: Record<GrantPayment['status'], RagTag> = {
  scheduled: { text: 'Not due yet', classes: 'govuk-tag--grey' },
  due: { text: 'Due', classes: 'govuk-tag--yellow' },
  paid: { text: 'Paid', classes: 'govuk-tag--green' },
  cancelled: { text: 'Cancelled', classes: 'govuk-tag--grey' },
};

export function paymentStatusTag(status: GrantPayment['status']): RagTag {
  return PAYMENT_STATUS[status];
}

const RETURN_STATUS: Record<MonitoringReturn['status'], RagTag> = {
  due: { text: 'Due', classes: 'govuk-tag--grey' },
  submitted: { text: 'To review', classes: 'govuk-tag--yellow' },
  'more-information': { text: 'More information asked', classes: 'govuk-tag--blue' },
  accepted: { text: 'Accepted', classes: 'govuk-tag--green' },
};

export function returnStatusTag(r: MonitoringReturn, today: string): RagTag {
  if (r.status === 'due' && r.dueOn < today) return { text: 'Overdue', classes: 'govuk-tag--red' };
  return RETURN_STATUS[r.status];
}

const VARIATION_STATUS: Record<AwardVariation['status'], RagTag> = {
  requested: { text: 'To decide', classes: 'govuk-tag--yellow' },
  approved: { text: 'Approved', classes: 'govuk-tag--green' },
  declined: { text: 'Declined', classes: 'govuk-tag--red' },
};

export function variationStatusTag(status: AwardVariation['status']): RagTag {
  return VARIATION_STATUS[status];
}

/** What a variation asks to change, line by line. */
export function variationChanges(v: AwardVariation): string[] {
  return [
    ...(v.newAmountPence !== null
      ? [`Amount: from ${formatPence(v.previousAmountPence)} to ${formatPence(v.newAmountPence)}`]
      : []),
    ...(v.newEndOn !== null
      ? [
          `End date: ${v.previousEndOn ? `from ${formatCalendarDate(v.previousEndOn)} ` : ''}to ${formatCalendarDate(v.newEndOn)}`,
        ]
      : []),
    ...(v.budgetChanges ? [`Budget lines: ${v.budgetChanges}`] : []),
  ];
}

/** A monitoring return's answers, as the grantee gave them (null before they have). */
export function returnAnswers(r: MonitoringReturn) {
  if (!r.submittedAt) return null;
  return {
    submittedOn: formatUkDate(r.submittedAt),
    progress: r.progress ?? '',
    spendToDate: r.spendToDatePence === null ? 'Not given' : formatPence(r.spendToDatePence),
    peopleReached: r.peopleReached === null ? 'Not given' : String(r.peopleReached),
    outcomes: r.outcomes ?? '',
    rag: r.granteeRag ? RAG_LABELS[r.granteeRag] : 'Not given',
    ragTag: ragTag(r.granteeRag, 'officer'),
    ragReason: r.granteeRagReason ?? '',
    changesNeeded: r.changesNeeded ?? '',
  };
}

export function returnHeading(r: MonitoringReturn) {
  return {
    title: returnTitle(r),
    period: `${formatCalendarDate(r.periodStartOn)} to ${formatCalendarDate(r.periodEndOn)}`,
    dueOn: formatCalendarDate(r.dueOn),
  };
}

/** The RAG radios, with the labels the grantee sees too. */
export function ragItems(checked: string) {
  return (Object.keys(RAG_LABELS) as RagStatus[]).map((rag) => ({
    value: rag,
    text: RAG_LABELS[rag],
    checked: checked === rag,
  }));
}
