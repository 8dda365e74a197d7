import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { penceColumn } from '@grants/core';
import { GrantRound } from '../entities/grant-round.entity';

/**
 * Money set aside from a round's budget for one application (an approval, then the award it
 * becomes). The round's commitments may never add up to more than its contributions: every
 * write goes through RoundBudgetService under the round's row lock.
 */
@Entity({ name: 'budget_commitments' })
@Index('budget_commitments_application_key', ['applicationId'], { unique: true })
@Index('budget_commitments_round_idx', ['roundId'])
@Check('budget_commitments_amount_check', 'amount_pence > 0')
export class BudgetCommitment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'round_id', type: 'uuid' })
  roundId: string;

  @ManyToOne(() => GrantRound, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'round_id' })
  round: GrantRound;

  /** The application the money is for (one commitment each). */
  @Column({ name: 'application_id', type: 'uuid' })
  applicationId: string;

  @Column({ name: 'amount_pence', type: 'bigint', transformer: penceColumn })
  amountPence: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
