import { AssessmentModule } from '@grants/assessment';
import { AwardsModule } from '@grants/awards';
import { FundsModule } from '@grants/funds';
import { IdentityModule } from '@grants/identity';
import { Module } from '@nestjs/common';
import { DecisionPagesController } from './decision-pages.controller';
import { DecisionRounds } from './decision-rounds';
import { DecisionsIndexPagesController } from './decisions-index-pages.controller';
import { FeedbackPagesController } from './feedback-pages.controller';

/**
 * The decision on a scored round: the list of rounds to decide, the decision maker's package and
 * sign-off, and feedback.
 */
@Module({
  imports: [IdentityModule, FundsModule, AssessmentModule, AwardsModule],
  controllers: [DecisionsIndexPagesController, DecisionPagesController, FeedbackPagesController],
  providers: [DecisionRounds],
})
export class StaffDecisionPagesModule {}
