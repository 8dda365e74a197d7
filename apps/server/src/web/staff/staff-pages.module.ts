import { ApplicationsModule } from '@grants/applications';
import { FundsModule } from '@grants/funds';
import { IdentityModule } from '@grants/identity';
import { Module } from '@nestjs/common';
import { StaffAllocationProjectPagesModule } from './allocation-projects/staff-allocation-project-pages.module';
import { StaffAllocationPagesModule } from './allocations/staff-allocation-pages.module';
import { StaffRoundsController } from './rounds/staff-rounds.controller';
import { SecondFactorController } from './second-factor.controller';
import { SignInController } from './sign-in.controller';

/** Staff pages: sign-in, second factor, setting up rounds, and their allocation plans. */
@Module({
  imports: [
    IdentityModule,
    FundsModule,
    ApplicationsModule,
    StaffAllocationPagesModule,
    StaffAllocationProjectPagesModule,
  ],
  controllers: [SignInController, SecondFactorController, StaffRoundsController],
})
export class StaffPagesModule {}
