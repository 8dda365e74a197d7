import type {
  AreaShortlist,
  Ballot,
  BallotCount,
  BallotCountDto,
  BallotDto,
  PostcodeCluster,
  PostcodeClusterDto,
  PublicProjectDto,
  ReviewVote,
  ReviewVoteDto,
  ShortlistEntry,
  StaffBallotDto,
  AreaShortlistDto,
} from '@grants/ballots';
import type { FastifyReply } from 'fastify';
import { BALLOT_STATUS_LABELS, TIE_BREAK_RULES, votingRule } from '@grants/ballots';

/* The ballots services' answers as plain JSON: money in whole pence, times as ISO strings. */

const iso = (date: Date | null) => (date ? date.toISOString() : null);

/** Needs the ballot's area and round loaded. */
export function ballotView(ballot: Ballot): BallotDto {
  const rule = votingRule(ballot.votingRule);
  return {
    id: ballot.id,
    roundId: ballot.roundId,
    roundTitle: ballot.round.title,
    areaId: ballot.areaId,
    areaName: ballot.area.name,
    status: ballot.status,
    statusLabel: BALLOT_STATUS_LABELS[ballot.status],
    opensAt: ballot.opensAt.toISOString(),
    closesAt: ballot.closesAt.toISOString(),
    postcodeAreas: ballot.postcodeAreas,
    votingRule: { name: rule.name, description: rule.instruction },
    tieBreakRule: { name: ballot.tieBreakRule, description: TIE_BREAK_RULES[ballot.tieBreakRule] },
    resultsPublishedAt: iso(ballot.resultsPublishedAt),
  };
}

export function staffBallotView(ballot: Ballot): StaffBallotDto {
  return { ...ballotView(ballot), postcodeFlagThreshold: ballot.postcodeFlagThreshold };
}

export function projectView(entry: ShortlistEntry): PublicProjectDto {
  return {
    applicationId: entry.applicationId,
    publicTitle: entry.publicTitle,
    publicSummary: entry.publicSummary,
    amountPence: entry.amountPence,
  };
}

/** The round is the shortlists' own: ballots there carry only their area. */
export function areaShortlistView(area: AreaShortlist, round: Ballot['round']): AreaShortlistDto {
  return {
    areaId: area.area.id,
    areaName: area.area.name,
    size: area.size,
    entries: area.entries.map(projectView),
    candidates: area.candidates.map((a) => ({
      applicationId: a.id,
      reference: a.reference ?? '',
      organisationName: a.organisation.name,
      projectTitle: a.projectTitle,
      amountRequestedPence: a.amountRequestedPence,
      status: a.status,
    })),
    ballot: area.ballot && staffBallotView({ ...area.ballot, area: area.area, round }),
  };
}

export function countView(ballot: Ballot, count: BallotCount): BallotCountDto {
  return {
    ballotId: ballot.id,
    areaName: ballot.area.name,
    status: ballot.status,
    projects: count.projects.map((p) => ({ ...p })),
    totalVotes: count.totalVotes,
    voidedVotes: count.voidedVotes,
    leaders: count.leaders,
    winnerApplicationId: ballot.winnerApplicationId,
    tieBreakNote: ballot.tieBreakNote,
    resultsPublishedAt: iso(ballot.resultsPublishedAt),
  };
}

export function clusterView(cluster: PostcodeCluster): PostcodeClusterDto {
  return {
    ...cluster,
    firstAt: cluster.firstAt.toISOString(),
    lastAt: cluster.lastAt.toISOString(),
  };
}

export function reviewVoteView(vote: ReviewVote): ReviewVoteDto {
  return { ...vote, castAt: vote.castAt.toISOString(), voidedAt: iso(vote.voidedAt) };
}

/** Set once the CSV is made: an error before then is answered as JSON, as any other. */
export function sendAsCsv(reply: FastifyReply, csv: string): string {
  void reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', 'attachment; filename="votes.csv"');
  return csv;
}
