import { ApplicationsModule } from '@grants/applications';
import { FundsModule } from '@grants/funds';
import { IdentityModule } from '@grants/identity';
import { Module } from '@nestjs/common';

/** The JSON API for applicants (sign-in codes, organisations, applications) and for appraisal. */
@Module({
  imports: [IdentityModule, FundsModule, ApplicationsModule],
  controllers: [],
})
export class ApplicationsApiModule {}
