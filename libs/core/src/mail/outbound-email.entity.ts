import type { JsonObject } from '../util/json';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type OutboundEmailStatus = 'pending' | 'sending' | 'sent' | 'failed';

/**
 * The outbox: a row is written in the same transaction as the business change that causes the
 * email, and is the guard against sending it twice (only a 'pending' row can be claimed).
 */
@Entity({ name: 'outbound_emails' })
@Index('outbound_emails_pending_idx', ['createdAt'], { where: `status = 'pending'` })
export class OutboundEmail {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'to_address', type: 'text' })
  toAddress: string;

  /** "<library>/<template>", e.g. "subscriptions/confirm-subscription". */
  @Column({ type: 'text' })
  template: string;

  @Column({ type: 'jsonb' })
  data: JsonObject;

  /** A natural key ("round-opened/<round>/<subscription>") so one event mails one person once. */
  @Column({ name: 'dedupe_key', type: 'text', nullable: true, unique: true })
  dedupeKey: string | null;

  @Column({ type: 'text', default: 'pending' })
  status: OutboundEmailStatus;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  @Column({ type: 'text', nullable: true })
  subject: string | null;

  @Column({ name: 'message_id', type: 'text', nullable: true })
  messageId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'claimed_at', type: 'timestamptz', nullable: true })
  claimedAt: Date | null;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt: Date | null;
}
