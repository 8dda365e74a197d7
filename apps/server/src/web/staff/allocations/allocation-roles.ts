import { OFFICE_READERS, OFFICERS } from '@grants/core';
import type { StaffContext } from '@grants/identity';
import { hasAnyRole } from '../assessment/assessment-roles';
import { RECORD_PUBLISHERS } from '../decisions/decision-roles';

/** Who reads a plan and tries other weights on it: the office, not assessors. */
export const ALLOCATION_READERS = OFFICE_READERS;

/** Who sets a plan up and publishes it: the grants officers (as the API). */
export const ALLOCATION_WRITERS = OFFICERS;

export function canManageAllocation(staff: StaffContext): boolean {
  return hasAnyRole(staff, ALLOCATION_WRITERS);
}

/** Who makes the allocations' decision record public: as for every other round's record. */
export const ALLOCATION_RECORD_PUBLISHERS = RECORD_PUBLISHERS;

export function canPublishAllocationRecord(staff: StaffContext): boolean {
  return hasAnyRole(staff, ALLOCATION_RECORD_PUBLISHERS);
}
