export * from './organisation-types';
export * from './plan-themes';
export * from './entities/fund.entity';
export * from './entities/grant-round.entity';
export * from './entities/round-area.entity';
export * from './entities/round-budget-contribution.entity';
export * from './rounds/round-status';
export * from './rounds/round-input';
export * from './rounds/round-input.mapper';
export * from './rounds/round-events';
export * from './rounds/rounds.service';
export * from './rounds/round-scheduler.service';
export * from './rounds/round.view';
export * from './dto/round.dto';
export * from './dto/fund.dto';
export * from './dto/list-rounds-query.dto';
export * from './funds.exceptions';
export * from './funds.service';
export * from './funds.module';
import { Fund } from './entities/fund.entity';
import { GrantRound } from './entities/grant-round.entity';
import { RoundArea } from './entities/round-area.entity';
import { RoundBudgetContribution } from './entities/round-budget-contribution.entity';
import { BudgetCommitment } from './budget/budget-commitment.entity';
export const FUNDS_ENTITIES = [
  Fund,
  GrantRound,
  RoundBudgetContribution,
  RoundArea,
  BudgetCommitment,
];
export * from './budget/budget-commitment.entity';
export * from './budget/round-budget.service';
export * from './budget/commitment-policies';
