import { ApplicationsModule } from '@grants/applications';
import { FundsModule } from '@grants/funds';
import { IdentityModule } from '@grants/identity';
import { Module } from '@nestjs/common';
import { StaffRoundsController } from './rounds/staff-rounds.controller';
import { SecondFactorController } from './second-factor.controller';
import { SignInController } from './sign-in.controller';

/** Staff pages: sign-in, second factor, and setting up rounds. */
@Module({
  imports: [IdentityModule, FundsModule, ApplicationsModule],
  controllers: [SignInController, SecondFactorController, StaffRoundsController],
})
export class StaffPagesModule {}
