import { FundsModule } from '@grants/funds';
import { Module } from '@nestjs/common';
import { AssignmentsService } from './assignments.service';
import { ModerationService } from './moderation.service';
import { RecommendationService } from './recommendation/recommendation.service';
import { RoundScoresService } from './round-scores.service';
import { RubricService } from './rubric.service';
import { ScoringService } from './scoring.service';

@Module({
  imports: [FundsModule],
  providers: [
    RubricService,
    AssignmentsService,
    ScoringService,
    RoundScoresService,
    ModerationService,
    RecommendationService,
  ],
  exports: [
    RubricService,
    AssignmentsService,
    ScoringService,
    RoundScoresService,
    ModerationService,
    RecommendationService,
  ],
})
export class AssessmentModule {}
