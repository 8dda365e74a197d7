import { ApplicationsModule } from '@grants/applications';
import { FundsModule } from '@grants/funds';
import { IdentityModule } from '@grants/identity';
import { Module } from '@nestjs/common';
import { ApplicantAuthApiController } from './applicant-auth-api.controller';
import { ApplicationsApiController } from './applications-api.controller';
import { OrganisationsApiController } from './organisations-api.controller';
import { StaffApplicationsApiController } from './staff-applications-api.controller';

/** The JSON API for applicants (sign-in codes, organisations, applications) and for appraisal. */
@Module({
  imports: [IdentityModule, FundsModule, ApplicationsModule],
  controllers: [
    ApplicantAuthApiController,
    OrganisationsApiController,
    ApplicationsApiController,
    StaffApplicationsApiController,
  ],
})
export class ApplicationsApiModule {}
