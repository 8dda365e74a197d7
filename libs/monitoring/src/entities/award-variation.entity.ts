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
} from 'typeorm';
import { penceColumn } from '@grants/core';
import { Award } from '@grants/awards';

export const VARIATION_STATUSES = ['requested', 'approved', 'declined'] as const;
export type VariationStatus = (typeof VARIATION_STATUSES)[number];

/**
 * A change the grantee asks for: a new amount, a new end date, moved budget lines, or several.
 * One request at a time per award (the partial unique index), decided by an officer with a reason.
 */
@Entity({ name: 'award_variations' })
@Index('award_variations_one_open_key', ['awardId'], {
  unique: true,
  where: `status = 'requested'`,
})
@Check('award_variations_amount_check', 'new_amount_pence IS NULL OR new_amount_pence > 0')
export class AwardVariation {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'award_id', type: 'uuid' })
  awardId: string;

  @ManyToOne(() => Award, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'award_id' })
  award: Relation<Award>;

  @Column({ type: 'text', default: 'requested' })
  status: VariationStatus;

  /** What the award was when asked, so the decision shows the change. */
  @Column({ name: 'previous_amount_pence', type: 'bigint', transformer: penceColumn })
  previousAmountPence: number;

  @Column({ name: 'previous_end_on', type: 'date', nullable: true })
  previousEndOn: string | null;

  @Column({ name: 'new_amount_pence', type: 'bigint', transformer: penceColumn, nullable: true })
  newAmountPence: number | null;

  @Column({ name: 'new_end_on', type: 'date', nullable: true })
  newEndOn: string | null;

  /** Money moved between budget lines, in the grantee's words. */
  @Column({ name: 'budget_changes', type: 'text', nullable: true })
  budgetChanges: string | null;

  @Column({ type: 'text' })
  reason: string;

  @Column({ name: 'requested_by_applicant_id', type: 'uuid' })
  requestedByApplicantId: string;

  @Column({ name: 'decided_by_id', type: 'uuid', nullable: true })
  decidedById: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Column({ name: 'decision_reason', type: 'text', nullable: true })
  decisionReason: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
