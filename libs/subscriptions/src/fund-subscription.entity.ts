import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Fund } from '@grants/funds';

export type SubscriptionStatus = 'pending' | 'confirmed' | 'unsubscribed';

/**
 * Someone who asked to hear when a fund opens a round. Double opt-in: nothing is sent but the
 * confirmation until they follow its link. One row per fund and (normalised) email.
 */
@Entity({ name: 'fund_subscriptions' })
@Index('fund_subscriptions_fund_email_key', ['fundId', 'email'], { unique: true })
@Index('fund_subscriptions_confirmed_idx', ['fundId'], { where: `status = 'confirmed'` })
export class FundSubscription {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'fund_id', type: 'uuid' })
  fundId: string;

  @ManyToOne(() => Fund, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'fund_id' })
  fund: Fund;

  @Column({ type: 'text' })
  email: string;

  @Column({ type: 'text', default: 'pending' })
  status: SubscriptionStatus;

  /** Hash of the token in the confirmation link. */
  @Column({ name: 'confirm_token_hash', type: 'text', nullable: true })
  confirmTokenHash: string | null;

  @Column({ name: 'confirm_sent_at', type: 'timestamptz', nullable: true })
  confirmSentAt: Date | null;

  /**
   * The token in every message's unsubscribe link. Kept as is (not hashed) because each round's
   * announcement is built in one INSERT ... SELECT; it grants nothing but unsubscribing.
   */
  @Index('fund_subscriptions_unsubscribe_key', { unique: true })
  @Column({ name: 'unsubscribe_token', type: 'text' })
  unsubscribeToken: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'confirmed_at', type: 'timestamptz', nullable: true })
  confirmedAt: Date | null;

  @Column({ name: 'unsubscribed_at', type: 'timestamptz', nullable: true })
  unsubscribedAt: Date | null;
}
