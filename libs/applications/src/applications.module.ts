import { OrganisationsModule } from '@grants/organisations';
import { Module } from '@nestjs/common';
import { ApplicationNotices } from './application-notices';
import { ApplicationPolicies } from './application-policies';
import { ApplicationsService } from './applications.service';
import { ApplicationQueueService } from './appraisal/application-queue.service';
import { AppraisalService } from './appraisal/appraisal.service';

@Module({
  imports: [OrganisationsModule],
  providers: [
    ApplicationsService,
    AppraisalService,
    ApplicationQueueService,
    ApplicationNotices,
    ApplicationPolicies,
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
