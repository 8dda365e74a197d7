import { ApplicationsModule } from '@grants/applications';
import { FundsModule } from '@grants/funds';
import { MonitoringModule } from '@grants/monitoring';
import { IdentityModule } from '@grants/identity';
import { Module } from '@nestjs/common';
import { ApplicantAuthApiController } from './applicant-auth-api.controller';
import { ApplicationsApiController } from './applications-api.controller';
import { GranteeApiController } from './grantee-api.controller';
import { OrganisationsApiController } from './organisations-api.controller';
import { StaffApplicationsApiController } from './staff-applications-api.controller';

/**
 * The JSON API for applicants (sign-in codes, organisations, applications, their grants) and for
 * appraisal.
 */
@Module({
  imports: [IdentityModule, FundsModule, ApplicationsModule, MonitoringModule],
  controllers: [
    ApplicantAuthApiController,
    OrganisationsApiController,
    ApplicationsApiController,
    GranteeApiController,
    StaffApplicationsApiController,
  ],
})
export class ApplicationsApiModule {}
