import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { AllocationPlan } from './allocation-plan.entity';

/** A measure of need the pot is shared by (population, recorded crime), with its weight. */
@Entity({ name: 'allocation_indicators' })
@Index('allocation_indicators_plan_key_key', ['planId', 'key'], { unique: true })
@Check('allocation_indicators_weight_check', 'weight >= 0')
export class AllocationIndicator {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'plan_id', type: 'uuid' })
  planId: string;

  @ManyToOne(() => AllocationPlan, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_id' })
  plan: AllocationPlan;

  /** Stable name for files and the API: population, violence-with-injury. */
  @Column({ type: 'text' })
  key: string;

  @Column({ type: 'text' })
  label: string;

  /** Counts as its part of all the plan's weights (50 : 30 : 20, or basis points). */
  @Column({ type: 'int' })
  weight: number;

  @Column({ type: 'int' })
  position: number;
}
