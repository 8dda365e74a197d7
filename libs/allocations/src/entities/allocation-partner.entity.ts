import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Organisation } from '@grants/organisations';
import { AllocationPlan } from './allocation-plan.entity';

/** An organisation sharing the plan's pot (a council, a Community Safety Partnership). */
@Entity({ name: 'allocation_partners' })
@Index('allocation_partners_plan_organisation_key', ['planId', 'organisationId'], { unique: true })
export class AllocationPartner {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'plan_id', type: 'uuid' })
  planId: string;

  @ManyToOne(() => AllocationPlan, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_id' })
  plan: AllocationPlan;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id' })
  organisation: Organisation;

  /** The order partners are listed in, and the last tie-break for a penny. */
  @Column({ type: 'int' })
  position: number;
}
