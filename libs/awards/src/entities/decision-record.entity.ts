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
import { GrantRound } from '@grants/funds';

/**
 * The Commissioner's signed-off decision on a round's recommendation: what the public and the
 * Police and Crime Panel read once it is published. Written once, at sign-off.
 */
@Entity({ name: 'decision_records' })
@Index('decision_records_round_key', ['roundId'], { unique: true })
@Index('decision_records_number_key', ['number'], { unique: true })
@Check('decision_records_total_check', 'total_awarded_pence >= 0')
export class DecisionRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'round_id', type: 'uuid' })
  roundId: string;

  @ManyToOne(() => GrantRound, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'round_id' })
  round: GrantRound;

  /** "DR-2023-007": the year it was signed (UK time) and its place in that year, gap-free. */
  @Column({ type: 'text' })
  number: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text' })
  summary: string;

  /** The decision maker's declarations of interest ("None" is a declaration too). */
  @Column({ type: 'text' })
  declarations: string;

  @Column({ name: 'total_awarded_pence', type: 'bigint', transformer: penceColumn })
  totalAwardedPence: number;

  @Column({ name: 'awards_count', type: 'int' })
  awardsCount: number;

  @Column({ name: 'declined_count', type: 'int' })
  declinedCount: number;

  @Column({ name: 'signed_off_at', type: 'timestamptz' })
  signedOffAt: Date;

  @Column({ name: 'signed_off_by_id', type: 'uuid', nullable: true })
  signedOffById: string | null;

  /** As it appears on the record ("Rupert Matthews"), kept even if the account changes. */
  @Column({ name: 'signed_off_by_name', type: 'text' })
  signedOffByName: string;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt: Date | null;
}
