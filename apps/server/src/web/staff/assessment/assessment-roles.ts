import { OFFICE_READERS, OFFICERS, StaffRole } from '@grants/core';
import type { StaffContext } from '@grants/identity';

/** Who reads a round's assessment (rubric, assignments, scores): the office, not assessors. */
export const ASSESSMENT_READERS = OFFICE_READERS;

/** Who changes the rubric, assigns assessors and reopens submitted scores. */
export const ASSESSMENT_WRITERS = OFFICERS;

export function canManageAssessment(staff: StaffContext): boolean {
  return hasAnyRole(staff, ASSESSMENT_WRITERS);
}

/** Whether the member of staff holds any of these roles (the page's buttons follow the routes'). */
export function hasAnyRole(staff: StaffContext, roles: readonly StaffRole[]): boolean {
  return staff.user.roles.some((role) => roles.includes(role));
}
