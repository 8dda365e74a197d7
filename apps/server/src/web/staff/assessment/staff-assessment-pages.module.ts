import { ApplicationsModule } from '@grants/applications';
import { AssessmentModule } from '@grants/assessment';
import { FundsModule } from '@grants/funds';
import { IdentityModule } from '@grants/identity';
import { Module } from '@nestjs/common';
import { AssessmentHubPagesController } from './assessment-hub-pages.controller';
import { AssignmentBoard } from './assignment-board';
import { AssignmentsPagesController } from './assignments-pages.controller';
import { ModerationPagesController } from './moderation-pages.controller';
import { RecommendationPagesController } from './recommendation-pages.controller';
import { ScoresPagesController } from './scores-pages.controller';

/** The grants officer's assessment pages for a scored round: rubric, assessors, scores. */
@Module({
  imports: [IdentityModule, FundsModule, ApplicationsModule, AssessmentModule],
  controllers: [
    AssessmentHubPagesController,
    AssignmentsPagesController,
    ScoresPagesController,
    ModerationPagesController,
    RecommendationPagesController,
  ],
  providers: [AssignmentBoard],
})
export class StaffAssessmentPagesModule {}
