import { AssessorAssignment, AssignmentStatus } from '@grants/assessment';

/** The assessor's words for where each assignment is, with a GOV.UK tag colour. */
export const ASSIGNMENT_STATUS_TAGS: Record<AssignmentStatus, { text: string; classes: string }> = {
  'awaiting-declaration': { text: 'Declare interests', classes: 'govuk-tag--blue' },
  accepted: { text: 'Scoring', classes: 'govuk-tag--yellow' },
  submitted: { text: 'Submitted', classes: 'govuk-tag--green' },
  conflict: { text: 'Conflict declared', classes: 'govuk-tag--grey' },
};

/** Where the assessor goes next from the list: declare first; nothing to open after a conflict. */
export function assignmentHref(assignment: AssessorAssignment): string | null {
  if (assignment.status === 'conflict') return null;
  if (assignment.status === 'awaiting-declaration')
    return `/assessments/${assignment.id}/declaration`;
  return `/assessments/${assignment.id}`;
}

/** One row of "Your assessments". Only reference, title, organisation and round: nothing more. */
export function assignmentRow(assignment: AssessorAssignment) {
  const application = assignment.application;
  return {
    id: assignment.id,
    reference: application.reference ?? '',
    projectTitle: application.projectTitle || 'Untitled project',
    organisationName: application.organisation.name,
    roundTitle: application.round.title,
    status: ASSIGNMENT_STATUS_TAGS[assignment.status],
    href: assignmentHref(assignment),
  };
}
