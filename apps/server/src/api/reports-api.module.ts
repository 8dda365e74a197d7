import { IdentityModule } from '@grants/identity';
import { ReportsModule } from '@grants/reports';
import { Module } from '@nestjs/common';
import { ReportsApiController } from './reports-api.controller';

/** The JSON API for round reports. */
@Module({
  imports: [IdentityModule, ReportsModule],
  controllers: [ReportsApiController],
})
export class ReportsApiModule {}
