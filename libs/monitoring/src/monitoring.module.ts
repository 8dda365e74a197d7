import { ApplicationsModule } from '@grants/applications';
import { FundsModule } from '@grants/funds';
import { Module } from '@nestjs/common';
import { AwardAcceptanceService } from './award-acceptance.service';
import { AwardClosureService } from './award-closure.service';
import { AwardVariationsService } from './award-variations.service';
import { GrantPaymentsService } from './grant-payments.service';
import { GrantRecords } from './grant-records';
import { GrantRemindersService } from './grant-reminders.service';
import { GrantViewsService } from './grant-views.service';
import { MonitoringReturnsService } from './monitoring-returns.service';

const SERVICES = [
  GrantRecords,
  AwardAcceptanceService,
  GrantPaymentsService,
  MonitoringReturnsService,
  AwardVariationsService,
  AwardClosureService,
  GrantRemindersService,
  GrantViewsService,
];

/** Grants after the decision: acceptance, payments, monitoring returns, variations, closure. */
@Module({
  imports: [ApplicationsModule, FundsModule],
  providers: SERVICES,
  exports: SERVICES,
})
export class MonitoringModule {}
