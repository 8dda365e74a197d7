import { OFFICE_READERS, OFFICERS, type StaffRole } from '@grants/core';

export { OFFICE_READERS, OFFICERS };
/** The Commissioner or their delegate: the only role that approves, declines and signs off. */
export const DECISION_MAKERS: StaffRole[] = ['decision-maker'];
/** Publishing the signed record is routine office work, or the decision maker's own. */
export const RECORD_PUBLISHERS: StaffRole[] = [...OFFICERS, 'decision-maker'];

export { ROLES } from './role-docs';
export const ROUND_NOT_FOUND = { description: 'not_found: no such scored round' };
export const SIGNED_OFF = {
  description:
    'decision_signed_off: the decision is final; no_recommendation: nothing has been sent to decide',
};
