import { Module } from '@nestjs/common';
import { CommitmentPolicies } from './budget/commitment-policies';
import { FundsService } from './funds.service';
import { RoundBudgetService } from './budget/round-budget.service';
import { RoundEvents } from './rounds/round-events';
import { RoundSchedulerService } from './rounds/round-scheduler.service';
import { RoundsService } from './rounds/rounds.service';

@Module({
  providers: [
    FundsService,
    RoundsService,
    RoundSchedulerService,
    RoundEvents,
    RoundBudgetService,
    CommitmentPolicies,
  ],
  exports: [
    FundsService,
    RoundsService,
    RoundSchedulerService,
    RoundEvents,
    RoundBudgetService,
    CommitmentPolicies,
  ],
})
export class FundsModule {}
