import { ApplicationsModule } from '@grants/applications';
import { AssessmentModule } from '@grants/assessment';
import { IdentityModule } from '@grants/identity';
import { Module } from '@nestjs/common';
import { AssignmentsPagesController } from './assignments-pages.controller';
import { ScoringPagesController } from './scoring-pages.controller';

/** The assessor's pages: their assignments, the declaration of interests, the scoring form. */
@Module({
  imports: [IdentityModule, ApplicationsModule, AssessmentModule],
  controllers: [AssignmentsPagesController, ScoringPagesController],
})
export class AssessorPagesModule {}
