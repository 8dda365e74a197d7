import { IdentityModule } from '@grants/identity';
import { ReportsModule } from '@grants/reports';
import { Module } from '@nestjs/common';
import { FundOverviewPagesController } from './fund-overview-pages.controller';
import { PublicRoundReportPagesController } from './public-round-report-pages.controller';
import { RoundReportPagesController } from './round-report-pages.controller';

/** Round reports (staff, and the public's once the decision is published) and the fund overview. */
@Module({
  imports: [IdentityModule, ReportsModule],
  controllers: [
    RoundReportPagesController,
    FundOverviewPagesController,
    PublicRoundReportPagesController,
  ],
})
export class StaffReportPagesModule {}
