import { FundsModule } from '@grants/funds';
import { IdentityModule } from '@grants/identity';
import { MonitoringModule } from '@grants/monitoring';
import { Module } from '@nestjs/common';
import { GrantsStaffApiController } from './grants-staff-api.controller';

/** The JSON API for grants after the decision: the office's portfolio, payments, returns, closure. */
@Module({
  imports: [IdentityModule, FundsModule, MonitoringModule],
  controllers: [GrantsStaffApiController],
})
export class GrantsApiModule {}
