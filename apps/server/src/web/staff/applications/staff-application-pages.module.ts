import { ApplicationsModule } from '@grants/applications';
import { FundsModule } from '@grants/funds';
import { IdentityModule } from '@grants/identity';
import { Module } from '@nestjs/common';
import { ApplicationQueuePagesController } from './application-queue-pages.controller';
import { AppraisalPagesController } from './appraisal-pages.controller';
import { RoundApplicationsPagesController } from './round-applications-pages.controller';

/** Staff pages for applications: the appraisal queue, the appraisal page, a round's counts and CSV. */
@Module({
  imports: [IdentityModule, FundsModule, ApplicationsModule],
  controllers: [
    ApplicationQueuePagesController,
    AppraisalPagesController,
    RoundApplicationsPagesController,
  ],
})
export class StaffApplicationPagesModule {}
