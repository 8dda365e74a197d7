import { isOfficer, OFFICE_READERS, OFFICERS } from '@grants/core';
import type { StaffContext } from '@grants/identity';

/** Who reads the queue and the applications. */
export const APPLICATION_READERS = OFFICE_READERS;

/** Who appraises and reopens applications. */
export const APPLICATION_WRITERS = OFFICERS;

export function canAppraise(staff: StaffContext): boolean {
  return isOfficer(staff.user.roles);
}
