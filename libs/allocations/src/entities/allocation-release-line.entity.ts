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
import { AllocationRelease } from './allocation-release.entity';
import { PartnerAllocation } from './partner-allocation.entity';

/** How much of one partner's allocation a release gave back. */
@Entity({ name: 'allocation_release_lines' })
@Index('allocation_release_lines_release_partner_key', ['releaseId', 'partnerAllocationId'], {
  unique: true,
})
@Index('allocation_release_lines_partner_idx', ['partnerAllocationId'])
@Check('allocation_release_lines_amount_check', 'amount_pence > 0')
export class AllocationReleaseLine {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'release_id', type: 'uuid' })
  releaseId: string;

  @ManyToOne(() => AllocationRelease, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'release_id' })
  release: AllocationRelease;

  @Column({ name: 'partner_allocation_id', type: 'uuid' })
  partnerAllocationId: string;

  @ManyToOne(() => PartnerAllocation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'partner_allocation_id' })
  partnerAllocation: PartnerAllocation;

  @Column({ name: 'amount_pence', type: 'bigint', transformer: penceColumn })
  amountPence: number;
}
