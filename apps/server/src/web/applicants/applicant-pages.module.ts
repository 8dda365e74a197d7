import { AllocationsModule } from '@grants/allocations';
import { ApplicationsModule } from '@grants/applications';
import { AwardsModule } from '@grants/awards';
import { MonitoringModule } from '@grants/monitoring';
import { FundsModule } from '@grants/funds';
import { IdentityModule } from '@grants/identity';
import { Module } from '@nestjs/common';
import { ApplicantSignInController } from './applicant-sign-in.controller';
import { ApplicationPagesController } from './application-pages.controller';
import { ApplicationSectionPagesController } from './application-section-pages.controller';
import { ApplyPagesController } from './apply-pages.controller';
import { AwardPagesController } from './award-pages.controller';
import { GrantPagesController } from './grant-pages.controller';
import { OrganisationAllocationPagesController } from './organisation-allocation-pages.controller';
import { OrganisationPagesController } from './organisation-pages.controller';

/**
 * Applicants' pages: sign-in by email code, organisation profile, the application journey and
 * the decision on it, the organisation's answer to a grant offer, and the grant after it
 * (payments, monitoring returns, changes).
 */
@Module({
  imports: [
    IdentityModule,
    FundsModule,
    ApplicationsModule,
    AwardsModule,
    MonitoringModule,
    AllocationsModule,
  ],
  controllers: [
    ApplicantSignInController,
    ApplyPagesController,
    OrganisationPagesController,
    OrganisationAllocationPagesController,
    ApplicationPagesController,
    ApplicationSectionPagesController,
    AwardPagesController,
    GrantPagesController,
  ],
})
export class ApplicantPagesModule {}
