import { AssessmentModule } from '@grants/assessment';
import { BallotsModule } from '@grants/ballots';
import { FundsModule } from '@grants/funds';
import { MonitoringModule } from '@grants/monitoring';
import { Module } from '@nestjs/common';
import { FundOverviewService } from './fund-overview.service';
import { RoundReportService } from './round-report.service';

/** Round reports and the fund overview: read-only, from the other libraries' stored rows. */
@Module({
  imports: [FundsModule, AssessmentModule, BallotsModule, MonitoringModule],
  providers: [RoundReportService, FundOverviewService],
  exports: [RoundReportService, FundOverviewService],
})
export class ReportsModule {}
