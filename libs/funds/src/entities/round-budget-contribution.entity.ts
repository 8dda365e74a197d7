import {
  Check,
  Column,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { penceColumn } from '@grants/core';
import { GrantRound } from './grant-round.entity';

/** One source of a round's budget: ring-fenced fund money, or a partner's match funding. */
@Entity({ name: 'round_budget_contributions' })
@Check('round_budget_contributions_amount_check', 'amount_pence > 0')
export class RoundBudgetContribution {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'round_id', type: 'uuid' })
  roundId: string;

  @ManyToOne(() => GrantRound, (r) => r.budgetContributions, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'round_id' })
  // Relation<> keeps the type out of decorator metadata: the two entities import each other.
  round: Relation<GrantRound>;

  @Column({ name: 'source_name', type: 'text' })
  sourceName: string;

  @Column({ name: 'amount_pence', type: 'bigint', transformer: penceColumn })
  amountPence: number;

  @Column({ type: 'int' })
  position: number;
}
