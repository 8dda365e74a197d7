import {
  Check,
  Column,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { penceColumn } from '@grants/core';
import { GrantRound } from './grant-round.entity';

/** A named area a round targets, with its own focus issue and cap (Winterton, Bridlington South). */
@Entity({ name: 'round_areas' })
@Check('round_areas_cap_check', 'budget_cap_pence IS NULL OR budget_cap_pence > 0')
export class RoundArea {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'round_id', type: 'uuid' })
  roundId: string;

  @ManyToOne(() => GrantRound, (r) => r.areas, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'round_id' })
  // Relation<> keeps the type out of decorator metadata: the two entities import each other.
  round: Relation<GrantRound>;

  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'focus_issue', type: 'text' })
  focusIssue: string;

  @Column({ name: 'budget_cap_pence', type: 'bigint', nullable: true, transformer: penceColumn })
  budgetCapPence: number | null;

  @Column({ name: 'shortlist_size', type: 'int', nullable: true })
  shortlistSize: number | null;

  @Column({ type: 'int' })
  position: number;
}
