import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { JsonObject, penceColumn } from '@grants/core';
import { Organisation } from '@grants/organisations';
import { AllocationPlan } from './allocation-plan.entity';

/**
 * A partner's allocation as published: the amount and everything that produced it (shares,
 * weights, values and their sources) copied here, so later edits elsewhere cannot change it.
 */
@Entity({ name: 'partner_allocations' })
@Index('partner_allocations_plan_organisation_key', ['planId', 'organisationId'], { unique: true })
@Check('partner_allocations_amount_check', 'amount_pence >= 0 AND formula_pence >= 0')
export class PartnerAllocation {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'plan_id', type: 'uuid' })
  planId: string;

  @ManyToOne(() => AllocationPlan, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'plan_id' })
  plan: AllocationPlan;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id' })
  organisation: Organisation;

  /** The name as published. */
  @Column({ name: 'organisation_name', type: 'text' })
  organisationName: string;

  @Column({ type: 'int' })
  position: number;

  @Column({ name: 'amount_pence', type: 'bigint', transformer: penceColumn })
  amountPence: number;

  /** Before any minimum or maximum. */
  @Column({ name: 'formula_pence', type: 'bigint', transformer: penceColumn })
  formulaPence: number;

  /** "33.51" (percent). */
  @Column({ name: 'share_percent', type: 'text' })
  sharePercent: string;

  @Column({ name: 'limited_by', type: 'text', nullable: true })
  limitedBy: 'floor' | 'cap' | null;

  /** Per indicator: key, label, weight, value, source, period, sharePercent, contributionPence. */
  @Column({ type: 'jsonb' })
  breakdown: JsonObject[];
}
