import { PublicBallots } from '@grants/ballots';
import { Public } from '@grants/core';
import { FundsService, fundView, roundView, RoundsService } from '@grants/funds';
import { Controller, Get } from '@nestjs/common';
import { Page } from '../../bootstrap/page-context.interceptor';

@Controller()
export class HomePageController {
  constructor(
    private readonly rounds: RoundsService,
    private readonly funds: FundsService,
    private readonly ballots: PublicBallots,
  ) {}

  /** Open rounds first (soonest to close first), then those opening soon, then every fund. */
  @Get('/')
  @Public()
  @Page('pages/home.njk')
  async home() {
    const [open, scheduled, funds, voteOpen] = await Promise.all([
      this.rounds.list({ status: 'open' }),
      this.rounds.list({ status: 'scheduled' }),
      this.funds.list(),
      this.ballots.anyOpen(),
    ]);
    return {
      openRounds: open.sort((a, b) => a.closesAt.getTime() - b.closesAt.getTime()).map(roundView),
      openingSoon: scheduled
        .sort((a, b) => a.opensAt.getTime() - b.opensAt.getTime())
        .map(roundView),
      funds: funds.map(fundView),
      voteOpen,
    };
  }
}
