import { SetMetadata } from '@nestjs/common';

/**
 * Every route must say who may use it; a route that says nothing is refused (deny by default).
 * A test lists every route and fails on one without a rule.
 */
export const ACCESS_KEY = 'grants:access';

export const STAFF_ROLES = [
  'admin',
  'grants-officer',
  'assessor',
  'decision-maker',
  'finance',
] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export type AccessRule =
  | { kind: 'public' }
  | { kind: 'staff'; roles: StaffRole[] | 'any' }
  /** A signed-in applicant; which organisations' data they may touch is checked by the service. */
  | { kind: 'applicant' }
  /** Only outside production (the local mailbox). */
  | { kind: 'development' };

export const Public = () => SetMetadata(ACCESS_KEY, { kind: 'public' } satisfies AccessRule);
export const StaffOnly = (...roles: StaffRole[]) =>
  SetMetadata(ACCESS_KEY, {
    kind: 'staff',
    roles: roles.length ? roles : 'any',
  } satisfies AccessRule);
export const ApplicantOnly = () =>
  SetMetadata(ACCESS_KEY, { kind: 'applicant' } satisfies AccessRule);
export const DevelopmentOnly = () =>
  SetMetadata(ACCESS_KEY, { kind: 'development' } satisfies AccessRule);
