import { AllocationsModule } from '@grants/allocations';
import { AwardsModule } from '@grants/awards';
import { FundsModule } from '@grants/funds';
import { IdentityModule } from '@grants/identity';
import { Module } from '@nestjs/common';
import { AllocationPlanPage } from './allocation-plan-page';
import { AllocationPlanPagesController } from './allocation-plan-pages.controller';
import { AllocationReportPagesController } from './allocation-report-pages.controller';
import { AllocationSetupPagesController } from './allocation-setup-pages.controller';
import { AllocationValuesPagesController } from './allocation-values-pages.controller';
import { AllocationWhatIfPagesController } from './allocation-what-if-pages.controller';
import { PartnerChoices } from './partner-choices';

/**
 * The office's pages for a needs-based allocation round: the plan (pot, minimum, maximum),
 * its partners, indicators and weights, the values typed or pasted as CSV, what other weights
 * would give, and publishing it as a recorded decision.
 */
@Module({
  imports: [IdentityModule, FundsModule, AllocationsModule, AwardsModule],
  controllers: [
    AllocationPlanPagesController,
    AllocationSetupPagesController,
    AllocationValuesPagesController,
    AllocationWhatIfPagesController,
    AllocationReportPagesController,
  ],
  providers: [AllocationPlanPage, PartnerChoices],
})
export class StaffAllocationPagesModule {}
