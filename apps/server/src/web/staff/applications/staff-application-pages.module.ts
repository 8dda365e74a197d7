import { ApplicationsModule } from '@grants/applications';
import { FundsModule } from '@grants/funds';
import { IdentityModule } from '@grants/identity';
import { Module } from '@nestjs/common';

/** Staff pages for applications: the appraisal queue, the appraisal page, a round's counts and CSV. */
@Module({
  imports: [IdentityModule, FundsModule, ApplicationsModule],
  controllers: [],
})
export class StaffApplicationPagesModule {}
