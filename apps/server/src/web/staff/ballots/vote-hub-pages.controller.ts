import { DecisionRecordsService } from '@grants/awards';
import { AreaShortlist, ShortlistService, Turnout, VoteReviewService } from '@grants/ballots';
import { formatPence, StaffOnly } from '@grants/core';
import { RoundsService } from '@grants/funds';
import { CurrentStaff, StaffContext, StaffRequest } from '@grants/identity';
import { Controller, Get, Param, Query, Req, Res, UseFilters } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { PageAccessFilter, renderPage } from '../../forms';
import { doneBanner } from '../assessment/page-problems';
import { canRunVote, VOTE_READERS } from './ballot-roles';
import { resultsAllPublished, voteDecisionPath } from './vote-decision-view';
import { ballotPaths, ballotSummary, loadVoteRound, voteRoundHeading } from './vote-round';

const DONE: Record<string, string> = {
  shortlist: 'Shortlist saved.',
  ballot: 'Ballot settings saved.',
  scheduled: 'Vote scheduled. The applicants in the area have been told.',
};

/** One area of the hub: its shortlist, ballot and turnout, and what this person may do next. */
function areaView(area: AreaShortlist, turnout: Turnout | undefined, canRun: boolean) {
  const ballot = area.ballot;
  const base = `/staff/rounds/${area.area.roundId}/vote/areas/${area.area.id}`;
  return {
    id: area.area.id,
    name: area.area.name,
    size: area.size,
    capDisplay: area.area.budgetCapPence === null ? null : formatPence(area.area.budgetCapPence),
    candidateCount: area.candidates.length,
    entries: area.entries.map((e) => ({
      publicTitle: e.publicTitle,
      amount: formatPence(e.amountPence),
      reference: area.candidates.find((c) => c.id === e.applicationId)?.reference ?? '',
    })),
    ballot: ballot ? { ...ballotSummary(ballot), ...ballotPaths(ballot.id) } : null,
    turnout: turnout ?? null,
    shortlistHref: `${base}/shortlist`,
    settingsHref: `${base}/ballot`,
    canEditShortlist: canRun && (!ballot || ballot.status === 'draft'),
    canEditSettings: canRun && (!ballot || ['draft', 'scheduled'].includes(ballot.status)),
  };
}

/** A public-vote round's hub: per area its shortlist, ballot and live turnout. */
@Controller('staff/rounds/:roundId/vote')
@UseFilters(PageAccessFilter)
export class VoteHubPagesController {
  constructor(
    private readonly rounds: RoundsService,
    private readonly shortlists: ShortlistService,
    private readonly review: VoteReviewService,
    private readonly records: DecisionRecordsService,
  ) {}

  @Get()
  @StaffOnly(...VOTE_READERS)
  async hub(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @CurrentStaff() staff: StaffContext,
    @Param('roundId') roundId: string,
    @Query('done') done?: unknown,
  ) {
    const round = await loadVoteRound(this.rounds, roundId);
    const { areas } = await this.shortlists.forRound(round.id);
    const turnout = await this.review.turnout(round.id);
    const canRun = canRunVote(staff);
    const ballots = areas.flatMap((a) => (a.ballot ? [a.ballot] : []));
    // The decision page is worth a link once there is something to sign off, or a record to show.
    const decided = (await this.records.forRound(round.id)) !== null;
    return renderPage(request, reply, 'staff/ballots/hub.njk', {
      round: voteRoundHeading(round),
      areas: areas.map((a) =>
        areaView(
          a,
          turnout.find((t) => t.ballotId === a.ballot?.id),
          canRun,
        ),
      ),
      turnoutHref: `/staff/rounds/${round.id}/vote/turnout`,
      decisionHref: decided || resultsAllPublished(ballots) ? voteDecisionPath(round.id) : null,
      decided,
      doneMessage: doneBanner(DONE, done),
      activeNav: 'staff-rounds',
    });
  }
}
