import { ApplicationsModule } from '@grants/applications';
import { FundsModule } from '@grants/funds';
import { IdentityModule } from '@grants/identity';
import { Module } from '@nestjs/common';

/** Applicants' pages: sign-in by email code, organisation profile, the application journey. */
@Module({
  imports: [IdentityModule, FundsModule, ApplicationsModule],
  controllers: [],
})
export class ApplicantPagesModule {}
