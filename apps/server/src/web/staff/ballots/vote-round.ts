import { AreaShortlist, Ballot, BALLOT_STATUS_LABELS, ShortlistService } from '@grants/ballots';
import { DomainException, formatUk, NotFoundDomainException } from '@grants/core';
import { GrantRound, RoundsService } from '@grants/funds';

/** A scored round has no shortlists or ballots: its vote pages are not there. */
export class NoPublicVoteException extends DomainException {
  constructor() {
    super('not_found', 'This round is decided by scoring, so it has no public vote', 404);
  }
}

/** The round (drafts included, for a link followed early), if it is decided by a public vote. */
export async function loadVoteRound(rounds: RoundsService, id: string): Promise<GrantRound> {
  const round = await rounds.get(id, { includeDrafts: true });
  if (round.decisionMethod !== 'public-vote') throw new NoPublicVoteException();
  return round;
}

/** What every vote page shows of its round. */
export function voteRoundHeading(round: Pick<GrantRound, 'id' | 'title' | 'fund'>) {
  return { id: round.id, title: round.title, fundName: round.fund.name };
}

/** A ballot as the staff pages show it: its area, status and times in UK time. */
export function ballotSummary(ballot: Ballot) {
  return {
    id: ballot.id,
    status: ballot.status,
    statusLabel: BALLOT_STATUS_LABELS[ballot.status],
    opensAtUk: formatUk(ballot.opensAt),
    closesAtUk: formatUk(ballot.closesAt),
    postcodeAreas: ballot.postcodeAreas.join(', '),
    postcodeFlagThreshold: ballot.postcodeFlagThreshold,
  };
}

/** The staff pages of one ballot, for links. */
export function ballotPaths(ballotId: string) {
  return {
    review: `/staff/ballots/${ballotId}/review`,
    result: `/staff/ballots/${ballotId}/result`,
    csv: `/staff/ballots/${ballotId}/votes.csv`,
    publicResults: `/vote/${ballotId}/results`,
  };
}

/** The round's area with its shortlist, candidates and ballot; 404 for an area of another round. */
export async function loadVoteArea(
  shortlists: ShortlistService,
  roundId: string,
  areaId: string,
): Promise<{ round: GrantRound; area: AreaShortlist }> {
  const { round, areas } = await shortlists.forRound(roundId);
  const area = areas.find((a) => a.area.id === areaId);
  if (!area) throw new NotFoundDomainException('Area');
  return { round, area };
}

/** Where the vote pages of a round's area live. */
export function voteAreaPaths(roundId: string, areaId: string) {
  const hub = `/staff/rounds/${roundId}/vote`;
  return {
    hub,
    shortlist: `${hub}/areas/${areaId}/shortlist`,
    ballot: `${hub}/areas/${areaId}/ballot`,
  };
}
