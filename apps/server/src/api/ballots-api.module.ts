import { ApplicationsModule } from '@grants/applications';
import { BallotsModule } from '@grants/ballots';
import { FundsModule } from '@grants/funds';
import { IdentityModule } from '@grants/identity';
import { Module } from '@nestjs/common';
import { BallotsApiController } from './ballots-api.controller';
import { BallotsStaffApiController } from './ballots-staff-api.controller';

/** The JSON API for the public vote: residents voting, and the office running the ballots. */
@Module({
  imports: [IdentityModule, FundsModule, ApplicationsModule, BallotsModule],
  controllers: [BallotsApiController, BallotsStaffApiController],
})
export class BallotsApiModule {}
