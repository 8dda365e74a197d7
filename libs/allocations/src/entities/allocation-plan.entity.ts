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
import { DecisionRecord } from '@grants/awards';
import { GrantRound } from '@grants/funds';
import type { AllocationPlanStatus } from '../allocation-plan-status';

/** How an allocation round's pot is shared between its partners: one per round. */
@Entity({ name: 'allocation_plans' })
@Index('allocation_plans_round_key', ['roundId'], { unique: true })
@Check('allocation_plans_pot_check', 'pot_pence > 0')
@Check(
  'allocation_plans_limits_check',
  '(floor_pence IS NULL OR floor_pence >= 0) AND (cap_pence IS NULL OR cap_pence > 0) AND (floor_pence IS NULL OR cap_pence IS NULL OR floor_pence <= cap_pence)',
)
@Check('allocation_plans_status_check', `status IN ('draft', 'published')`)
@Check(
  'allocation_plans_published_check',
  `(status = 'published') = (published_at IS NOT NULL AND decision_record_id IS NOT NULL)`,
)
export class AllocationPlan {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'round_id', type: 'uuid' })
  roundId: string;

  @ManyToOne(() => GrantRound, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'round_id' })
  round: GrantRound;

  @Column({ name: 'pot_pence', type: 'bigint', transformer: penceColumn })
  potPence: number;

  /** The least any partner gets (null: no minimum). */
  @Column({ name: 'floor_pence', type: 'bigint', nullable: true, transformer: penceColumn })
  floorPence: number | null;

  /** The most any partner gets (null: no maximum). */
  @Column({ name: 'cap_pence', type: 'bigint', nullable: true, transformer: penceColumn })
  capPence: number | null;

  @Column({ type: 'text', default: 'draft' })
  status: AllocationPlanStatus;

  @Column({ name: 'decision_record_id', type: 'uuid', nullable: true })
  decisionRecordId: string | null;

  @ManyToOne(() => DecisionRecord, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'decision_record_id' })
  decisionRecord: DecisionRecord | null;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  @Column({ name: 'published_by_id', type: 'uuid', nullable: true })
  publishedById: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
