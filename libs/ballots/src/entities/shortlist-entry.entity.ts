import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  type Relation,
} from 'typeorm';
import { penceColumn } from '@grants/core';
import { Application } from '@grants/applications';
import { RoundArea } from '@grants/funds';

/**
 * An eligible application put before the area's residents, with the title, summary and amount
 * the public reads (the officer writes them for a lay reader; the application stays private).
 */
@Entity({ name: 'shortlist_entries' })
@Index('shortlist_entries_area_idx', ['areaId', 'position'])
@Check('shortlist_entries_amount_check', 'amount_pence > 0')
export class ShortlistEntry {
  @PrimaryColumn({ name: 'application_id', type: 'uuid' })
  applicationId: string;

  @ManyToOne(() => Application, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'application_id' })
  application: Relation<Application>;

  @Column({ name: 'round_id', type: 'uuid' })
  roundId: string;

  @Column({ name: 'area_id', type: 'uuid' })
  areaId: string;

  @ManyToOne(() => RoundArea, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'area_id' })
  area: Relation<RoundArea>;

  @Column({ type: 'int' })
  position: number;

  @Column({ name: 'public_title', type: 'text' })
  publicTitle: string;

  @Column({ name: 'public_summary', type: 'text' })
  publicSummary: string;

  @Column({ name: 'amount_pence', type: 'bigint', transformer: penceColumn })
  amountPence: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
