import { OFFICE_READERS, OFFICERS, StaffRole } from '@grants/core';
import type { StaffContext } from '@grants/identity';
import { hasAnyRole } from '../assessment/assessment-roles';
import { DECISION_MAKERS } from '../decisions/decision-roles';

/** Who watches a public vote (shortlists, settings, turnout, flagged votes, the count): the office. */
export const VOTE_READERS = OFFICE_READERS;

/** Who runs it: shortlists, sets and schedules ballots, voids votes. */
export const VOTE_RUNNERS = OFFICERS;

/** Who publishes a closed ballot's result: the officers running the vote, or the decision maker. */
export const RESULT_PUBLISHERS: StaffRole[] = [...OFFICERS, ...DECISION_MAKERS];

/** Who settles a tie for first place: the decision maker only, as the ballot states in advance. */
export const TIE_BREAKERS = DECISION_MAKERS;

export function canRunVote(staff: StaffContext): boolean {
  return hasAnyRole(staff, VOTE_RUNNERS);
}
