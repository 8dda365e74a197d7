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
  VersionColumn,
  type Relation,
} from 'typeorm';
import { penceColumn } from '@grants/core';
import { GrantRound, RoundArea } from '@grants/funds';
import { Organisation } from '@grants/organisations';
import type { ApplicationStatus } from '../application-status';
import type { EligibilityCheck } from '../eligibility-checks';
import { ApplicationBudgetLine } from './application-budget-line.entity';

/**
 * One organisation's application to one round. Answers are columns (blank until given) so the
 * queue can filter and the report can count; the reference is issued on first submission and
 * kept through corrections.
 */
@Entity({ name: 'applications' })
@Index('applications_round_status_idx', ['roundId', 'status'])
@Index('applications_organisation_idx', ['organisationId'])
@Index('applications_reference_key', ['reference'], { unique: true })
@Index('applications_round_sequence_key', ['roundId', 'sequence'], { unique: true })
@Check('applications_amount_check', 'amount_requested_pence IS NULL OR amount_requested_pence > 0')
export class Application {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'round_id', type: 'uuid' })
  roundId: string;

  @ManyToOne(() => GrantRound, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'round_id' })
  round: GrantRound;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id' })
  organisation: Organisation;

  @Column({ name: 'created_by_id', type: 'uuid' })
  createdById: string;

  @Column({ type: 'text', default: 'draft' })
  status: ApplicationStatus;

  /** CSF-2022-DIV-0007: issued on first submission. */
  @Column({ type: 'text', nullable: true })
  reference: string | null;

  /** The number in the reference; no gaps within a round. */
  @Column({ type: 'int', nullable: true })
  sequence: number | null;

  @Column({ name: 'project_title', type: 'text', default: '' })
  projectTitle: string;

  @Column({ name: 'project_summary', type: 'text', default: '' })
  projectSummary: string;

  @Column({ name: 'area_id', type: 'uuid', nullable: true })
  areaId: string | null;

  @ManyToOne(() => RoundArea, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'area_id' })
  area: Relation<RoundArea> | null;

  @Column({ name: 'plan_themes', type: 'text', array: true, default: () => `'{}'` })
  planThemes: string[];

  @Column({ name: 'themes_explanation', type: 'text', default: '' })
  themesExplanation: string;

  @Column({
    name: 'amount_requested_pence',
    type: 'bigint',
    nullable: true,
    transformer: penceColumn,
  })
  amountRequestedPence: number | null;

  @OneToMany(() => ApplicationBudgetLine, (l) => l.application)
  budgetLines: ApplicationBudgetLine[];

  /** The calendar date the project starts (no time of day): YYYY-MM-DD. */
  @Column({ name: 'start_date', type: 'date', nullable: true })
  startDate: string | null;

  @Column({ name: 'duration_months', type: 'int', nullable: true })
  durationMonths: number | null;

  @Column({ type: 'text', default: '' })
  outcomes: string;

  @Column({ name: 'outcome_measures', type: 'text', default: '' })
  outcomeMeasures: string;

  @Column({ name: 'beneficiary_age_groups', type: 'text', array: true, default: () => `'{}'` })
  beneficiaryAgeGroups: string[];

  @Column({ name: 'beneficiary_count', type: 'int', nullable: true })
  beneficiaryCount: number | null;

  @Column({ name: 'beneficiary_description', type: 'text', default: '' })
  beneficiaryDescription: string;

  @Column({ name: 'declaration_true', type: 'boolean', default: false })
  declarationTrue: boolean;

  @Column({ name: 'declaration_policies', type: 'boolean', default: false })
  declarationPolicies: boolean;

  /** The automatic checks as they stood at the last submission. */
  @Column({ name: 'eligibility_checks', type: 'jsonb', default: () => `'[]'` })
  eligibilityChecks: EligibilityCheck[];

  /** The officer's checklist: item → confirmed. */
  @Column({ name: 'appraisal_checklist', type: 'jsonb', default: () => `'{}'` })
  appraisalChecklist: Record<string, boolean>;

  /** Why it is ineligible, or what more information is needed. */
  @Column({ name: 'outcome_reason', type: 'text', nullable: true })
  outcomeReason: string | null;

  @Column({ name: 'appraised_by_id', type: 'uuid', nullable: true })
  appraisedById: string | null;

  @Column({ name: 'appraised_at', type: 'timestamptz', nullable: true })
  appraisedAt: Date | null;

  @Column({ name: 'first_submitted_at', type: 'timestamptz', nullable: true })
  firstSubmittedAt: Date | null;

  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  @Column({ name: 'withdrawn_at', type: 'timestamptz', nullable: true })
  withdrawnAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  /**
   * Raised by every update of the row (TypeORM adds it to each UPDATE). A submission reads the
   * application without a lock and writes only if this is still the number it read.
   */
  @VersionColumn({ default: 1 })
  version: number;
}
