import { OFFICE_READERS, OFFICERS, StaffRole } from '@grants/core';
import type { StaffContext } from '@grants/identity';
import { hasAnyRole } from '../assessment/assessment-roles';

/** Who reads a round's decision package: the office, not assessors. */
export const DECISION_READERS = OFFICE_READERS;

/** Who approves, amends, declines and signs off: the Commissioner or their delegate only. */
export const DECISION_MAKERS: StaffRole[] = ['decision-maker'];

/** Who publishes a signed-off record: the decision maker, or the officers who run the round. */
export const RECORD_PUBLISHERS: StaffRole[] = [...OFFICERS, ...DECISION_MAKERS];

/** Who writes the feedback an applicant gets with the decision. */
export const FEEDBACK_WRITERS = OFFICERS;

export function canDecide(staff: StaffContext): boolean {
  return hasAnyRole(staff, DECISION_MAKERS);
}

export function canPublishRecord(staff: StaffContext): boolean {
  return hasAnyRole(staff, RECORD_PUBLISHERS);
}

export function canWriteFeedback(staff: StaffContext): boolean {
  return hasAnyRole(staff, FEEDBACK_WRITERS);
}
