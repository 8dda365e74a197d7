import { VoteReviewService } from '@grants/ballots';
import { StaffOnly } from '@grants/core';
import { RoundsService } from '@grants/funds';
import type { StaffRequest } from '@grants/identity';
import { Controller, Get, Param, Req, Res, UseFilters } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { PageAccessFilter, renderPage } from '../../forms';
import { VOTE_READERS } from './ballot-roles';
import { turnoutView } from './turnout-chart';
import { ballotPaths, loadVoteRound, voteRoundHeading } from './vote-round';

/** Live turnout for each area of a public-vote round: counted from the stored votes on each load. */
@Controller('staff/rounds/:roundId/vote/turnout')
@UseFilters(PageAccessFilter)
export class TurnoutPagesController {
  constructor(
    private readonly rounds: RoundsService,
    private readonly review: VoteReviewService,
  ) {}

  @Get()
  @StaffOnly(...VOTE_READERS)
  async show(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @Param('roundId') roundId: string,
  ) {
    const round = await loadVoteRound(this.rounds, roundId);
    const turnout = await this.review.turnout(round.id);
    return renderPage(request, reply, 'staff/ballots/turnout.njk', {
      round: voteRoundHeading(round),
      areas: turnout.map((t) => ({ ...turnoutView(t), paths: ballotPaths(t.ballotId) })),
      hubHref: `/staff/rounds/${round.id}/vote`,
      activeNav: 'staff-rounds',
    });
  }
}
