import { OFFICE_READERS, OFFICERS } from '@grants/core';
import type { StaffContext } from '@grants/identity';
import { hasAnyRole } from '../assessment/assessment-roles';
import { DECISION_MAKERS, RECORD_PUBLISHERS } from '../decisions/decision-roles';

/** Who reads a plan and tries other weights on it: the office, not assessors. */
export const ALLOCATION_READERS = OFFICE_READERS;

/** Who sets a plan up: the grants officers (as the API). */
export const ALLOCATION_WRITERS = OFFICERS;

/**
 * Who publishes the allocations, making the round's numbered decision record in their name: the
 * decision maker, as for every other funding decision (the officers prepare it).
 */
export const ALLOCATION_SIGNERS = DECISION_MAKERS;

export function canSignAllocation(staff: StaffContext): boolean {
  return hasAnyRole(staff, ALLOCATION_SIGNERS);
}

export function canManageAllocation(staff: StaffContext): boolean {
  return hasAnyRole(staff, ALLOCATION_WRITERS);
}

/** Who makes the allocations' decision record public: as for every other round's record. */
export const ALLOCATION_RECORD_PUBLISHERS = RECORD_PUBLISHERS;

export function canPublishAllocationRecord(staff: StaffContext): boolean {
  return hasAnyRole(staff, ALLOCATION_RECORD_PUBLISHERS);
}
