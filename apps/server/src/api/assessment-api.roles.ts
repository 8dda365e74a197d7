import type { StaffRole } from '@grants/core';

/** Who runs assessment: the rubric, assignments and reopening submitted scores. */
export const OFFICERS: StaffRole[] = ['admin', 'grants-officer'];
/** Who may read the scores overview: the office, but not assessors (they see only their own). */
export const SCORE_READERS: StaffRole[] = [...OFFICERS, 'decision-maker', 'finance'];
/** Assessors read the criteria too: they score against them. */
export const RUBRIC_READERS: StaffRole[] = [...SCORE_READERS, 'assessor'];

export const ROLES = (roles: StaffRole[]) => ({ description: `Only for ${roles.join(', ')}` });
export const ROUND_NOT_FOUND = { description: 'not_found: no such round' };
export const ASSIGNMENT_NOT_FOUND = {
  description:
    'assignment_not_found: no such assignment, someone else’s, or one with a declared conflict',
};
