import {
  assertTakingVotes,
  Ballot,
  BallotNotOpenException,
  TIE_BREAK_RULES,
  votingRule,
} from '@grants/ballots';
import { formatPence, formatUk } from '@grants/core';

/** What the residents' pages show of a ballot. */
export interface BallotView {
  id: string;
  areaName: string;
  focusIssue: string;
  roundTitle: string;
  fundName: string | null;
  status: Ballot['status'];
  opensAtUk: string;
  closesAtUk: string;
  /** "DN15 9" or "YO15, YO16": who may vote. */
  postcodeAreas: string;
  grantDisplay: string | null;
  tieBreakRule: string;
  instruction: string;
  /** Null while votes are taken; otherwise why not (opens at, closed at), from the domain's rule. */
  notTakingVotes: string | null;
}

export function ballotView(ballot: Ballot, now: Date): BallotView {
  return {
    id: ballot.id,
    areaName: ballot.area.name,
    focusIssue: ballot.area.focusIssue,
    roundTitle: ballot.round.title,
    fundName: ballot.round.fund?.name ?? null,
    status: ballot.status,
    opensAtUk: formatUk(ballot.opensAt),
    closesAtUk: formatUk(ballot.closesAt),
    postcodeAreas: ballot.postcodeAreas.join(', '),
    grantDisplay:
      ballot.area.budgetCapPence === null ? null : formatPence(ballot.area.budgetCapPence),
    tieBreakRule: TIE_BREAK_RULES[ballot.tieBreakRule],
    instruction: votingRule(ballot.votingRule).instruction,
    notTakingVotes: notTakingVotes(ballot, now),
  };
}

/** The domain's own words for why a ballot takes no votes now, or null when it does. */
export function notTakingVotes(ballot: Ballot, now: Date): string | null {
  try {
    assertTakingVotes(ballot, now);
    return null;
  } catch (error) {
    if (!(error instanceof BallotNotOpenException)) throw error;
    return error.message;
  }
}

/** The pages of one ballot's vote. */
export const votePath = (ballotId: string, page = '') => `/vote/${ballotId}${page && `/${page}`}`;
