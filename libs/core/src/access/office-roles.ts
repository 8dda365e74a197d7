import type { StaffRole } from './access.decorators';

/**
 * Who runs a round day to day: sets it up, appraises applications, runs the assessment and
 * builds the recommendation. The pages and the API guard with the same lists.
 */
export const OFFICERS: StaffRole[] = ['admin', 'grants-officer'];

/**
 * Who reads applications, scores and recommendations: the office, but not assessors, who see
 * only what is assigned to them.
 */
export const OFFICE_READERS: StaffRole[] = [...OFFICERS, 'decision-maker', 'finance'];

export function isOfficer(roles: readonly StaffRole[]): boolean {
  return roles.some((role) => OFFICERS.includes(role));
}
