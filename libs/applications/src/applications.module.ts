import { OrganisationsModule } from '@grants/organisations';
import { Module } from '@nestjs/common';
import { ApplicationNotices } from './application-notices';
import { ApplicationPolicies } from './application-policies';
import { ApplicationsService } from './applications.service';
import { ApplicationQueueService } from './appraisal/application-queue.service';
import { AppraisalService } from './appraisal/appraisal.service';
import { SubmissionWriter } from './submission-writer';

@Module({
  imports: [OrganisationsModule],
  providers: [
    ApplicationsService,
    AppraisalService,
    ApplicationQueueService,
    ApplicationNotices,
    ApplicationPolicies,
    SubmissionWriter,
  ],
  exports: [
    ApplicationsService,
    AppraisalService,
    ApplicationQueueService,
    ApplicationNotices,
    ApplicationPolicies,
    OrganisationsModule,
  ],
})
export class ApplicationsModule {}
