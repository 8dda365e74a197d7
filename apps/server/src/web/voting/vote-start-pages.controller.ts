import { PublicBallots } from '@grants/ballots';
import { Clock, Public } from '@grants/core';
import { Controller, Get, Param } from '@nestjs/common';
import { Page } from '../../bootstrap/page-context.interceptor';
import { ballotView } from './ballot-view';

/** "Vote for a project in your area": the votes open now, published results, and each vote's start page. */
@Controller('vote')
export class VoteStartPagesController {
  constructor(
    private readonly ballots: PublicBallots,
    private readonly clock: Clock,
  ) {}

  @Get()
  @Public()
  @Page('voting/index.njk')
  async list() {
    const now = this.clock.now();
    const { open, published } = await this.ballots.listed();
    return {
      open: open.map((b) => ballotView(b, now)),
      published: published.map((b) => ballotView(b, now)),
    };
  }

  /** What the vote is, who can vote, when it closes and how a tie is settled. */
  @Get(':ballotId')
  @Public()
  @Page('voting/start.njk')
  async start(@Param('ballotId') ballotId: string) {
    return { ballot: ballotView(await this.ballots.get(ballotId), this.clock.now()) };
  }
}
