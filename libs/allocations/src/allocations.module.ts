import { ApplicationsModule } from '@grants/applications';
import { DecisionRecordWriter } from '@grants/awards';
import { FundsModule } from '@grants/funds';
import { Module } from '@nestjs/common';
import { AllocationsService } from './allocations.service';
import { AllocationCommitmentPolicy } from './projects/allocation-commitment.policy';
import { AllocationApplicationPolicy } from './projects/allocation-application.policy';
import { AllocationProjectsService } from './projects/allocation-projects.service';
import { AllocationReleaseService } from './projects/allocation-release.service';
import { AllocationReportService } from './report/allocation-report.service';

/**
 * Needs-based allocations. The decision record is written by awards' own writer (the one
 * numbering every signed-off decision); the awards module keeps it to itself, so it is provided
 * here too: it holds no state.
 */
@Module({
  imports: [ApplicationsModule, FundsModule],
  providers: [
    AllocationsService,
    DecisionRecordWriter,
    AllocationApplicationPolicy,
    AllocationCommitmentPolicy,
    AllocationProjectsService,
    AllocationReleaseService,
    AllocationReportService,
  ],
  exports: [
    AllocationsService,
    AllocationProjectsService,
    AllocationReleaseService,
    AllocationReportService,
  ],
})
export class AllocationsModule {}
