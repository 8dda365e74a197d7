import { ApplicationsModule } from '@grants/applications';
import { AssessmentModule } from '@grants/assessment';
import { FundsModule } from '@grants/funds';
import { IdentityModule } from '@grants/identity';
import { Module } from '@nestjs/common';
import { AssignmentsApiController } from './assignments-api.controller';
import { RecommendationApiController } from './recommendation-api.controller';
import { RoundScoresApiController } from './round-scores-api.controller';
import { RubricApiController } from './rubric-api.controller';
import { ScoringApiController } from './scoring-api.controller';

/** The JSON API for assessment: rubrics, assignments, assessors' scoring, the scores overview. */
@Module({
  imports: [IdentityModule, FundsModule, ApplicationsModule, AssessmentModule],
  controllers: [
    RubricApiController,
    AssignmentsApiController,
    ScoringApiController,
    RoundScoresApiController,
    RecommendationApiController,
  ],
})
export class AssessmentApiModule {}
