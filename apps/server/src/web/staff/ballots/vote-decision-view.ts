import type { DecisionRecordView } from '@grants/awards';
import { Ballot, BALLOT_STATUS_LABELS, BallotCount } from '@grants/ballots';
import { formatPence, formatUk } from '@grants/core';
import type { RoundBudget } from '@grants/funds';
import { ballotPaths } from './vote-round';

/** Where a public-vote round's decision page lives. */
export function voteDecisionPath(roundId: string): string {
  return `/staff/rounds/${roundId}/vote/decision`;
}

/** The decision maker can sign off once every ballot of the round has its result published. */
export function resultsAllPublished(ballots: Pick<Ballot, 'status'>[]): boolean {
  return ballots.length > 0 && ballots.every((b) => b.status === 'published');
}

/** What the sign-off form starts with, like "Community Response Fund: Pilot, public vote winners". */
export function defaultVoteRecordTitle(round: { title: string; fund: { name: string } }): string {
  return `${round.fund.name}: ${round.title}, public vote winners`;
}

/**
 * One area's result as the decision will settle it: the winner, their votes and the grant, never
 * more than the area's cap (as VoteDecisionService commits it). Null count: not published yet.
 */
export function areaResult(ballot: Ballot, count: BallotCount | null) {
  const winner = count?.projects.find((p) => p.applicationId === ballot.winnerApplicationId);
  const cap = ballot.area.budgetCapPence;
  const awardPence = winner ? Math.min(winner.amountPence, cap ?? winner.amountPence) : null;
  return {
    areaName: ballot.area.name,
    status: ballot.status,
    statusLabel: BALLOT_STATUS_LABELS[ballot.status],
    published: ballot.status === 'published',
    resultHref: ballotPaths(ballot.id).result,
    totalVotes: count?.totalVotes ?? null,
    winner: winner
      ? {
          publicTitle: winner.publicTitle,
          votes: winner.votes,
          shortlistAmount: formatPence(winner.amountPence),
          award: formatPence(awardPence!),
          capped: awardPence! < winner.amountPence,
        }
      : null,
    awardPence,
    cap: cap === null ? null : formatPence(cap),
    tieBreakNote: ballot.tieBreakNote,
  };
}

export function budgetView(budget: RoundBudget) {
  return {
    budget: formatPence(budget.budgetPence),
    committed: formatPence(budget.committedPence),
    available: formatPence(budget.availablePence),
  };
}

/** The signed-off record as the staff page shows it, with its grants and the public link. */
export function voteRecordView(record: DecisionRecordView) {
  return {
    number: record.number,
    title: record.title,
    signedOff: `${formatUk(record.signedOffAt)} by ${record.signedOffByName}`,
    totalAwarded: formatPence(record.totalAwardedPence),
    awardsCount: record.awardsCount,
    declinedCount: record.declinedCount,
    publishedAt: record.publishedAt ? formatUk(record.publishedAt) : null,
    publicHref: `/decisions/${encodeURIComponent(record.number)}`,
    awards: record.awards.map((a) => ({ ...a, amount: formatPence(a.amountPence) })),
  };
}
