import { StaffRole } from '@grants/core';
import type { StaffContext } from '@grants/identity';

/**
 * Who reads the queue and the applications: everyone in the office but assessors, who will see
 * only the applications assigned to them (a later issue).
 */
export const APPLICATION_READERS: StaffRole[] = [
  'admin',
  'grants-officer',
  'decision-maker',
  'finance',
];

/** Who appraises and reopens applications. */
export const APPLICATION_WRITERS: StaffRole[] = ['admin', 'grants-officer'];

export function canAppraise(staff: StaffContext): boolean {
  return staff.user.roles.some((role) => APPLICATION_WRITERS.includes(role));
}
