import { StaffRole } from '@grants/core';
import type { StaffContext } from '@grants/identity';

/** Who reads a round's assessment (rubric, assignments, scores): the office, not assessors. */
export const ASSESSMENT_READERS: StaffRole[] = [
  'admin',
  'grants-officer',
  'decision-maker',
  'finance',
];

/** Who changes the rubric, assigns assessors and reopens submitted scores. */
export const ASSESSMENT_WRITERS: StaffRole[] = ['admin', 'grants-officer'];

export function canManageAssessment(staff: StaffContext): boolean {
  return staff.user.roles.some((role) => ASSESSMENT_WRITERS.includes(role));
}
