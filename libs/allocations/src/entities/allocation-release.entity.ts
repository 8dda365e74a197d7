import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { penceColumn } from '@grants/core';
import { AllocationPlan } from './allocation-plan.entity';

/**
 * The decision to give partners' unspent allocation back to the pot (at year end, usually):
 * who decided, why, and the declarations, kept as written. Its lines say how much per partner;
 * released money can never be approved for a project afterwards.
 */
@Entity({ name: 'allocation_releases' })
@Index('allocation_releases_plan_idx', ['planId'])
@Check('allocation_releases_total_check', 'total_pence > 0')
export class AllocationRelease {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'plan_id', type: 'uuid' })
  planId: string;

  @ManyToOne(() => AllocationPlan, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'plan_id' })
  plan: AllocationPlan;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text' })
  summary: string;

  @Column({ type: 'text' })
  declarations: string;

  @Column({ name: 'total_pence', type: 'bigint', transformer: penceColumn })
  totalPence: number;

  @Column({ name: 'decided_at', type: 'timestamptz' })
  decidedAt: Date;

  @Column({ name: 'decided_by_id', type: 'uuid', nullable: true })
  decidedById: string | null;

  /** As it appears on the record, kept even if the account changes. */
  @Column({ name: 'decided_by_name', type: 'text' })
  decidedByName: string;
}
