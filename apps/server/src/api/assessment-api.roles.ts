import { OFFICE_READERS, OFFICERS, type StaffRole } from '@grants/core';

export { OFFICERS };
/** Who may read the scores overview: the office, but not assessors (they see only their own). */
export const SCORE_READERS = OFFICE_READERS;
/** Assessors read the criteria too: they score against them. */
export const RUBRIC_READERS: StaffRole[] = [...SCORE_READERS, 'assessor'];

export { ROLES } from './role-docs';
export const ROUND_NOT_FOUND = { description: 'not_found: no such round' };
export const ASSIGNMENT_NOT_FOUND = {
  description:
    'assignment_not_found: no such assignment, someone else’s, or one with a declared conflict',
};
