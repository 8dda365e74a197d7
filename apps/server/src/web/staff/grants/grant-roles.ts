import { OFFICE_READERS, OFFICERS, StaffRole } from '@grants/core';
import type { StaffContext } from '@grants/identity';
import { hasAnyRole } from '../assessment/assessment-roles';

/** Who reads the portfolio, a grant, the returns queue and the payments due: the office. */
export const GRANT_READERS = OFFICE_READERS;

/** Who reviews returns, decides variations and closes grants: the grants officers. */
export const GRANT_OFFICERS = OFFICERS;

/** Who records money leaving the office's account: finance, and admin. */
export const GRANT_PAYERS: StaffRole[] = ['admin', 'finance'];

export function canManageGrant(staff: StaffContext): boolean {
  return hasAnyRole(staff, GRANT_OFFICERS);
}

export function canPay(staff: StaffContext): boolean {
  return hasAnyRole(staff, GRANT_PAYERS);
}
