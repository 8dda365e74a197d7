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

export const PAYMENT_STATUSES = ['scheduled', 'due', 'paid', 'cancelled'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

/**
 * One instalment of a grant: `scheduled` until what releases it happens (acceptance, or the
 * officer accepting a named monitoring return), then `due` until finance records it `paid`.
 * Unpaid instalments are `cancelled` when the grant closes.
 */
@Entity({ name: 'grant_payments' })
@Index('grant_payments_award_seq_key', ['awardId', 'sequence'], { unique: true })
@Check('grant_payments_amount_check', 'amount_pence > 0')
export class GrantPayment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'award_id', type: 'uuid' })
  awardId: string;

  @ManyToOne(() => Award, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'award_id' })
  award: Relation<Award>;

  @Column({ type: 'int' })
  sequence: number;

  /** "50% on acceptance" */
  @Column({ type: 'text' })
  label: string;

  @Column({ name: 'amount_pence', type: 'bigint', transformer: penceColumn })
  amountPence: number;

  @Column({ type: 'text' })
  status: PaymentStatus;

  /** The monitoring return whose acceptance makes this instalment due (null: due on acceptance). */
  @Column({ name: 'after_return_sequence', type: 'int', nullable: true })
  afterReturnSequence: number | null;

  @Column({ name: 'due_since', type: 'timestamptz', nullable: true })
  dueSince: Date | null;

  /** The UK date the money left the office's account, and the finance system's reference. */
  @Column({ name: 'paid_on', type: 'date', nullable: true })
  paidOn: string | null;

  @Column({ type: 'text', nullable: true })
  reference: string | null;

  @Column({ name: 'recorded_by_id', type: 'uuid', nullable: true })
  recordedById: string | null;

  @Column({ name: 'recorded_at', type: 'timestamptz', nullable: true })
  recordedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
