import {
  Application,
  APPLICATION_STATUS_LABELS,
  APPLICATION_STATUS_TAGS,
  ApplicationMessage,
  answerRows,
  EligibilityCheck,
} from '@grants/applications';
import { formatPence, formatUk } from '@grants/core';
import { ORGANISATION_TYPES } from '@grants/funds';
import { orgIdentifier } from '@grants/organisations';

/** "2 checks failed" (red) or "Checks passed" (green): what the queue and the page show. */
export function checksTag(checks: EligibilityCheck[]) {
  const failed = checks.filter((c) => !c.passed).length;
  return {
    failed,
    text: failed === 0 ? 'Checks passed' : `${failed} ${failed === 1 ? 'check' : 'checks'} failed`,
    classes: failed === 0 ? 'govuk-tag--green' : 'govuk-tag--red',
  };
}

export function statusView(status: Application['status']) {
  return {
    status,
    label: APPLICATION_STATUS_LABELS[status],
    classes: APPLICATION_STATUS_TAGS[status],
  };
}

/** One row of the appraisal queue. */
export function queueRow(application: Application) {
  return {
    id: application.id,
    reference: application.reference ?? 'No reference',
    organisationName: application.organisation.name,
    projectTitle: application.projectTitle,
    areaName: application.area?.name ?? '',
    amountDisplay:
      application.amountRequestedPence === null
        ? ''
        : formatPence(application.amountRequestedPence),
    submittedUk: application.submittedAt ? formatUk(application.submittedAt) : '',
    checks: checksTag(application.eligibilityChecks),
    status: statusView(application.status),
  };
}

function typeLabel(type: string): string {
  return Object.hasOwn(ORGANISATION_TYPES, type)
    ? ORGANISATION_TYPES[type as keyof typeof ORGANISATION_TYPES]
    : type;
}

/** Everything the appraisal page shows about one application, as text ready for the template. */
export function applicationView(application: Application) {
  const org = application.organisation;
  const round = application.round;
  return {
    id: application.id,
    reference: application.reference ?? 'No reference',
    projectTitle: application.projectTitle,
    status: statusView(application.status),
    round: {
      id: round.id,
      title: round.title,
      fundName: round.fund.name,
      closesAtUk: formatUk(round.closesAt),
    },
    areaName: application.area?.name ?? null,
    amountDisplay:
      application.amountRequestedPence === null
        ? ''
        : formatPence(application.amountRequestedPence),
    organisation: {
      name: org.name,
      type: typeLabel(org.type),
      identifier: orgIdentifier(org),
      charityNumber: org.charityNumber,
      companyNumber: org.companyNumber,
      address: [org.addressLine1, org.addressLine2, org.town, org.postcode].filter((l) => l),
    },
    contact: {
      name: org.contactName,
      email: org.contactEmail,
      phone: org.contactPhone,
    },
    safeguardingLead: {
      name: org.safeguardingLeadName,
      email: org.safeguardingLeadEmail,
    },
    firstSubmittedUk: application.firstSubmittedAt ? formatUk(application.firstSubmittedAt) : '',
    submittedUk: application.submittedAt ? formatUk(application.submittedAt) : '',
    appraisedUk: application.appraisedAt ? formatUk(application.appraisedAt) : '',
    outcomeReason: application.outcomeReason,
    checks: application.eligibilityChecks.map((c) => ({
      label: c.label,
      passed: c.passed,
      reason: c.reason,
    })),
    checksTag: checksTag(application.eligibilityChecks),
    answers: answerRows(application),
  };
}

export function messageView(message: ApplicationMessage) {
  return {
    from: message.sender === 'office' ? 'Sent to the applicant' : 'From the applicant',
    subject: message.subject,
    body: message.body,
    sentUk: formatUk(message.createdAt),
  };
}

/** What the outcome reason is called for each status, on the summary. */
export const OUTCOME_REASON_LABELS: Partial<Record<Application['status'], string>> = {
  eligible: 'Note on the outcome',
  ineligible: 'Why it is not eligible',
  'more-information': 'Information asked for',
  returned: 'Correction asked for',
};
