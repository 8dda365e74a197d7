import {
  Ballot,
  BallotNotFoundException,
  TallyService,
  VoteReviewService,
  PublicBallots,
} from '@grants/ballots';
import { Clock, formatPence, formatUk, Public } from '@grants/core';
import { Controller, Get, Param, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Page } from '../../bootstrap/page-context.interceptor';
import { ballotView } from './ballot-view';

/**
 * A vote's published result: the count per project, the winner (and how a tie was settled, if
 * there was one), and the anonymised votes so anyone can recount it. Not found until published.
 */
@Controller('vote/:ballotId/results')
export class VoteResultsPagesController {
  constructor(
    private readonly ballots: PublicBallots,
    private readonly tally: TallyService,
    private readonly review: VoteReviewService,
    private readonly clock: Clock,
  ) {}

  @Get()
  @Public()
  @Page('voting/results.njk')
  async results(@Param('ballotId') ballotId: string) {
    const ballot = await this.published(ballotId);
    const count = await this.tally.count(ballot.id);
    const winner = count.projects.find((p) => p.applicationId === ballot.winnerApplicationId);
    return {
      ballot: ballotView(ballot, this.clock.now()),
      publishedAtUk: ballot.resultsPublishedAt ? formatUk(ballot.resultsPublishedAt) : null,
      projects: count.projects.map((p) => ({
        title: p.publicTitle,
        amount: formatPence(p.amountPence),
        votes: p.votes,
        voided: p.voided,
        winner: p.applicationId === ballot.winnerApplicationId,
      })),
      totalVotes: count.totalVotes,
      voidedVotes: count.voidedVotes,
      winner: winner
        ? { title: winner.publicTitle, amount: formatPence(winner.amountPence) }
        : null,
      tieBreakNote: ballot.tieBreakNote,
    };
  }

  @Get('votes.csv')
  @Public()
  async votes(@Param('ballotId') ballotId: string, @Res() reply: FastifyReply) {
    const ballot = await this.published(ballotId);
    const csv = await this.review.exportCsv(ballot.id);
    const name = ballot.area.name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="votes-${name}.csv"`)
      .send(csv);
  }

  private async published(ballotId: string): Promise<Ballot> {
    const ballot = await this.ballots.get(ballotId);
    if (ballot.status !== 'published') throw new BallotNotFoundException();
    return ballot;
  }
}
