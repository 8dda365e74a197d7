import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { AllocationIndicator } from './allocation-indicator.entity';
import { AllocationPartner } from './allocation-partner.entity';

/** One partner's figure for one indicator, exactly as given, with where and when it is from. */
@Entity({ name: 'allocation_indicator_values' })
@Index('allocation_indicator_values_pair_key', ['partnerId', 'indicatorId'], { unique: true })
@Check('allocation_indicator_values_value_check', 'value >= 0')
export class IndicatorValue {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'partner_id', type: 'uuid' })
  partnerId: string;

  @ManyToOne(() => AllocationPartner, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'partner_id' })
  partner: AllocationPartner;

  @Column({ name: 'indicator_id', type: 'uuid' })
  indicatorId: string;

  @ManyToOne(() => AllocationIndicator, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'indicator_id' })
  indicator: AllocationIndicator;

  /** numeric, so it comes back as the exact decimal text ("23.4"), never a float. */
  @Column({ type: 'numeric' })
  value: string;

  /** Where the figure comes from: "ONS mid-2021 estimates". */
  @Column({ type: 'text' })
  source: string;

  /** What it covers: "2022-23". */
  @Column({ type: 'text' })
  period: string;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
