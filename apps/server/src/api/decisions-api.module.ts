import { ApplicationsModule } from '@grants/applications';
import { AssessmentModule } from '@grants/assessment';
import { AwardsModule } from '@grants/awards';
import { FundsModule } from '@grants/funds';
import { IdentityModule } from '@grants/identity';
import { Module } from '@nestjs/common';
import { ApplicantNoticesApiController } from './applicant-notices-api.controller';
import { DecisionRecordsApiController } from './decision-records-api.controller';
import { DecisionsApiController } from './decisions-api.controller';
import { VoteDecisionApiController } from './vote-decision-api.controller';

/**
 * The JSON API for decisions: the package and its sign-off, the sign-off of a public vote's
 * winners, the public records, what notices say.
 */
@Module({
  imports: [IdentityModule, FundsModule, ApplicationsModule, AssessmentModule, AwardsModule],
  controllers: [
    DecisionsApiController,
    DecisionRecordsApiController,
    ApplicantNoticesApiController,
    VoteDecisionApiController,
  ],
})
export class DecisionsApiModule {}
