import type { StaffRole } from '@grants/core';

/** The OpenAPI description of a 403 on a route kept to some roles. */
export const ROLES = (roles: StaffRole[]) => ({ description: `Only for ${roles.join(', ')}` });
