import { InvalidTransitionException } from '@grants/core';

export const APPLICATION_STATUSES = [
  'draft',
  'submitted',
  'more-information',
  'returned',
  'eligible',
  'ineligible',
  'withdrawn',
  'shortlisted',
  'not-shortlisted',
  'awarded',
  'unsuccessful',
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/**
 * The only changes an application's status may make. Later stages (scoring, shortlist, vote,
 * decision, award) add their states here rather than special cases elsewhere.
 * - submitted → returned is a grants officer reopening it for a correction (it keeps its
 *   reference, and is resubmitted with returned → submitted);
 * - more-information → submitted is the applicant answering the officer's question;
 * - withdrawn is reachable from every state before a decision;
 * - eligible → awarded or unsuccessful is the decision maker's signed-off decision (before the
 *   sign-off the applicant sees nothing of it);
 * - in a public-vote round, eligible → shortlisted or not-shortlisted when the area's ballot is
 *   scheduled, and the vote decides shortlisted → awarded or unsuccessful. A project on a live
 *   ballot is not withdrawn online: residents may already have voted for it.
 */
export const APPLICATION_TRANSITIONS: Record<ApplicationStatus, readonly ApplicationStatus[]> = {
  draft: ['submitted', 'withdrawn'],
  submitted: ['eligible', 'ineligible', 'more-information', 'returned', 'withdrawn'],
  'more-information': ['submitted', 'withdrawn'],
  returned: ['submitted', 'withdrawn'],
  eligible: ['withdrawn', 'awarded', 'unsuccessful', 'shortlisted', 'not-shortlisted'],
  shortlisted: ['awarded', 'unsuccessful'],
  'not-shortlisted': [],
  ineligible: [],
  withdrawn: [],
  awarded: [],
  unsuccessful: [],
};

export function canTransition(from: ApplicationStatus, to: ApplicationStatus): boolean {
  return APPLICATION_TRANSITIONS[from].includes(to);
}

export function assertApplicationTransition(from: ApplicationStatus, to: ApplicationStatus): void {
  if (!canTransition(from, to))
    throw new InvalidTransitionException(
      'application',
      APPLICATION_STATUS_LABELS[from].toLowerCase(),
      APPLICATION_STATUS_LABELS[to].toLowerCase(),
    );
}

/** Statuses in which the applicant may change their answers. */
export const EDITABLE_STATUSES: readonly ApplicationStatus[] = [
  'draft',
  'more-information',
  'returned',
];

export const APPLICATION_STATUS_LABELS: Record<ApplicationStatus, string> = {
  draft: 'Draft',
  submitted: 'Submitted',
  'more-information': 'More information needed',
  returned: 'Returned for correction',
  eligible: 'Eligible',
  ineligible: 'Not eligible',
  withdrawn: 'Withdrawn',
  shortlisted: 'Shortlisted for the public vote',
  'not-shortlisted': 'Not shortlisted',
  awarded: 'Grant offered',
  unsuccessful: 'Not funded',
};

/** GOV.UK tag colours for each status. */
export const APPLICATION_STATUS_TAGS: Record<ApplicationStatus, string> = {
  draft: 'govuk-tag--grey',
  submitted: 'govuk-tag--blue',
  'more-information': 'govuk-tag--yellow',
  returned: 'govuk-tag--orange',
  eligible: 'govuk-tag--green',
  ineligible: 'govuk-tag--red',
  withdrawn: 'govuk-tag--grey',
  shortlisted: 'govuk-tag--purple',
  'not-shortlisted': 'govuk-tag--grey',
  awarded: 'govuk-tag--turquoise',
  unsuccessful: 'govuk-tag--pink',
};
