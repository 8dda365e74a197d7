import { AllocationIndicator } from './entities/allocation-indicator.entity';
import { AllocationPartner } from './entities/allocation-partner.entity';
import { AllocationPlan } from './entities/allocation-plan.entity';
import { IndicatorValue } from './entities/indicator-value.entity';
import { PartnerAllocation } from './entities/partner-allocation.entity';
import { AllocationRelease } from './entities/allocation-release.entity';
import { AllocationReleaseLine } from './entities/allocation-release-line.entity';
export const ALLOCATIONS_ENTITIES = [
  AllocationPlan,
  AllocationPartner,
  AllocationIndicator,
  IndicatorValue,
  PartnerAllocation,
  AllocationRelease,
  AllocationReleaseLine,
];
export * from './entities/allocation-plan.entity';
export * from './entities/allocation-partner.entity';
export * from './entities/allocation-indicator.entity';
export * from './entities/indicator-value.entity';
export * from './entities/partner-allocation.entity';
export * from './allocation-plan-status';
export * from './allocations.exceptions';
export * from './formula/allocation-formula';
export * from './csv/indicator-csv';
export * from './csv/value-rows';
export * from './allocation-preview';
export * from './allocation-plan.view';
export * from './allocations.service';
export * from './entities/allocation-release.entity';
export * from './entities/allocation-release-line.entity';
export * from './projects/allocation-projects.exceptions';
export * from './projects/partner-ledger';
export * from './projects/allocation-projects.view';
export * from './projects/allocation-projects.service';
export * from './projects/allocation-release.service';
export * from './allocations.module';
export * from './report/allocation-report';
export * from './report/allocation-report.service';
export * from './report/allocation-report-csv';
