import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToMany,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { penceColumn } from '@grants/core';
import type { OrganisationType } from '../organisation-types';
import type { RoundStatus } from '../rounds/round-status';
import { Fund } from './fund.entity';
import { RoundArea } from './round-area.entity';
import { RoundBudgetContribution } from './round-budget-contribution.entity';

export type DecisionMethod = 'scored' | 'public-vote' | 'allocation';

@Entity({ name: 'grant_rounds' })
@Index('grant_rounds_fund_code_key', ['fundId', 'code'], { unique: true })
@Index('grant_rounds_status_idx', ['status', 'opensAt'])
@Check('grant_rounds_dates_check', 'closes_at > opens_at')
@Check(
  'grant_rounds_grant_range_check',
  'min_grant_pence >= 0 AND max_grant_pence >= min_grant_pence',
)
@Check(
  'grant_rounds_duration_check',
  'min_duration_months >= 1 AND max_duration_months >= min_duration_months',
)
export class GrantRound {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'fund_id', type: 'uuid' })
  fundId: string;

  @ManyToOne(() => Fund, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'fund_id' })
  fund: Fund;

  /** Short code for references, unique within the fund: DIV, PILOT. */
  @Column({ type: 'text' })
  code: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text' })
  theme: string;

  @Column({ type: 'text' })
  description: string;

  @Column({ type: 'text', default: 'draft' })
  status: RoundStatus;

  @Column({ name: 'opens_at', type: 'timestamptz' })
  opensAt: Date;

  @Column({ name: 'closes_at', type: 'timestamptz' })
  closesAt: Date;

  @Column({ name: 'min_grant_pence', type: 'bigint', transformer: penceColumn })
  minGrantPence: number;

  @Column({ name: 'max_grant_pence', type: 'bigint', transformer: penceColumn })
  maxGrantPence: number;

  @Column({ name: 'min_duration_months', type: 'int' })
  minDurationMonths: number;

  @Column({ name: 'max_duration_months', type: 'int' })
  maxDurationMonths: number;

  @Column({ name: 'eligible_organisation_types', type: 'text', array: true })
  eligibleOrganisationTypes: OrganisationType[];

  @Column({ name: 'plan_themes', type: 'text', array: true, default: () => `'{}'` })
  planThemes: string[];

  @Column({ name: 'decision_method', type: 'text' })
  decisionMethod: DecisionMethod;

  /** Scored rounds: recommend at or above, in hundredths of a percent (7000 = 70%). */
  @Column({ name: 'recommend_threshold_bp', type: 'int', nullable: true })
  recommendThresholdBp: number | null;

  /** Scored rounds: reserve band from here up to the threshold (6000 = 60%). */
  @Column({ name: 'reserve_threshold_bp', type: 'int', nullable: true })
  reserveThresholdBp: number | null;

  /** Public-vote rounds: how many projects each area shortlists, unless the area says otherwise. */
  @Column({ name: 'shortlist_size', type: 'int', nullable: true })
  shortlistSize: number | null;

  @Column({ name: 'winners_per_area', type: 'int', nullable: true })
  winnersPerArea: number | null;

  /** What the grants officer confirms for each application before it is eligible. */
  @Column({
    name: 'appraisal_checklist',
    type: 'text',
    array: true,
    default: () => `'{}'`,
  })
  appraisalChecklist: string[];

  /** Refuse (as a failed eligibility check) a second application from one organisation for one area. */
  @Column({ name: 'one_application_per_area', type: 'boolean', default: false })
  oneApplicationPerArea: boolean;

  @OneToMany(() => RoundBudgetContribution, (c) => c.round, { cascade: true })
  budgetContributions: RoundBudgetContribution[];

  @OneToMany(() => RoundArea, (a) => a.round, { cascade: true })
  areas: RoundArea[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
