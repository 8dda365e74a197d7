import { AllocationsModule } from '@grants/allocations';
import { IdentityModule } from '@grants/identity';
import { Module } from '@nestjs/common';
import { AllocationProjectsApiController } from './allocation-projects-api.controller';
import { AllocationReportApiController } from './allocation-report-api.controller';
import { AllocationsApiController } from './allocations-api.controller';

/** The JSON API for needs-based allocations. */
@Module({
  imports: [IdentityModule, AllocationsModule],
  controllers: [
    AllocationsApiController,
    AllocationProjectsApiController,
    AllocationReportApiController,
  ],
})
export class AllocationsApiModule {}
