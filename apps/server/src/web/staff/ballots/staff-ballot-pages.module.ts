import { AwardsModule } from '@grants/awards';
import { BallotsModule } from '@grants/ballots';
import { FundsModule } from '@grants/funds';
import { IdentityModule } from '@grants/identity';
import { Module } from '@nestjs/common';
import { BallotResultPagesController } from './ballot-result-pages.controller';
import { BallotSettingsPagesController } from './ballot-settings-pages.controller';
import { ShortlistPagesController } from './shortlist-pages.controller';
import { TurnoutPagesController } from './turnout-pages.controller';
import { VoteDecisionPagesController } from './vote-decision-pages.controller';
import { VoteHubPagesController } from './vote-hub-pages.controller';
import { VoteReviewPagesController } from './vote-review-pages.controller';

/**
 * The staff side of a public vote: the round's hub, shortlists and ballot settings per area,
 * live turnout, flagged votes and voiding, the count and publishing the result, and the decision
 * maker's sign-off of the winners.
 */
@Module({
  imports: [IdentityModule, FundsModule, BallotsModule, AwardsModule],
  controllers: [
    VoteHubPagesController,
    ShortlistPagesController,
    BallotSettingsPagesController,
    TurnoutPagesController,
    VoteReviewPagesController,
    BallotResultPagesController,
    VoteDecisionPagesController,
  ],
})
export class StaffBallotPagesModule {}
