import { isOfficer, OFFICE_READERS, OFFICERS } from '@grants/core';
import type { StaffContext } from '@grants/identity';

/** Who reads a round's assessment (rubric, assignments, scores): the office, not assessors. */
export const ASSESSMENT_READERS = OFFICE_READERS;

/** Who changes the rubric, assigns assessors and reopens submitted scores. */
export const ASSESSMENT_WRITERS = OFFICERS;

export function canManageAssessment(staff: StaffContext): boolean {
  return isOfficer(staff.user.roles);
}
