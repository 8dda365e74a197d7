import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
  UpdateDateColumn,
} from 'typeorm';
import { penceColumn } from '@grants/core';
import { Award } from '@grants/awards';
import type { RagStatus } from '../rag-status';

export const RETURN_STATUSES = ['due', 'submitted', 'more-information', 'accepted'] as const;
export type ReturnStatus = (typeof RETURN_STATUSES)[number];

/**
 * A monitoring return the grantee owes: quarterly progress, or the final report. The grantee's
 * answers and self-assessed RAG, then the officer's review (their RAG, and either acceptance or a
 * question that sends it back).
 */
@Entity({ name: 'monitoring_returns' })
@Index('monitoring_returns_award_seq_key', ['awardId', 'sequence'], { unique: true })
@Index('monitoring_returns_due_idx', ['status', 'dueOn'])
@Check('monitoring_returns_spend_check', 'spend_to_date_pence IS NULL OR spend_to_date_pence >= 0')
@Check('monitoring_returns_people_check', 'people_reached IS NULL OR people_reached >= 0')
export class MonitoringReturn {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'award_id', type: 'uuid' })
  awardId: string;

  @ManyToOne(() => Award, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'award_id' })
  award: Relation<Award>;

  @Column({ type: 'int' })
  sequence: number;

  @Column({ type: 'text' })
  kind: 'quarterly' | 'final';

  /** The period the return covers (UK dates). */
  @Column({ name: 'period_start_on', type: 'date' })
  periodStartOn: string;

  @Column({ name: 'period_end_on', type: 'date' })
  periodEndOn: string;

  @Column({ name: 'due_on', type: 'date' })
  dueOn: string;

  @Column({ type: 'text', default: 'due' })
  status: ReturnStatus;

  @Column({ type: 'text', nullable: true })
  progress: string | null;

  @Column({ name: 'spend_to_date_pence', type: 'bigint', transformer: penceColumn, nullable: true })
  spendToDatePence: number | null;

  @Column({ name: 'people_reached', type: 'int', nullable: true })
  peopleReached: number | null;

  @Column({ type: 'text', nullable: true })
  outcomes: string | null;

  @Column({ name: 'grantee_rag', type: 'text', nullable: true })
  granteeRag: RagStatus | null;

  @Column({ name: 'grantee_rag_reason', type: 'text', nullable: true })
  granteeRagReason: string | null;

  @Column({ name: 'changes_needed', type: 'text', nullable: true })
  changesNeeded: string | null;

  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  @Column({ name: 'submitted_by_applicant_id', type: 'uuid', nullable: true })
  submittedByApplicantId: string | null;

  @Column({ name: 'officer_rag', type: 'text', nullable: true })
  officerRag: RagStatus | null;

  @Column({ name: 'officer_comment', type: 'text', nullable: true })
  officerComment: string | null;

  /** The officer's question when they sent the return back for more information. */
  @Column({ name: 'question', type: 'text', nullable: true })
  question: string | null;

  @Column({ name: 'reviewed_at', type: 'timestamptz', nullable: true })
  reviewedAt: Date | null;

  @Column({ name: 'reviewed_by_id', type: 'uuid', nullable: true })
  reviewedById: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
