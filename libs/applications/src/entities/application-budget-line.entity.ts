import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { penceColumn } from '@grants/core';
import { Application } from './application.entity';

/** One line of the project budget: what the money buys. The lines add up to the amount asked for. */
@Entity({ name: 'application_budget_lines' })
// Every application page and submission reads an application's lines, in order.
@Index('application_budget_lines_application_idx', ['applicationId', 'position'])
@Check('application_budget_lines_amount_check', 'amount_pence > 0')
export class ApplicationBudgetLine {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'application_id', type: 'uuid' })
  applicationId: string;

  @ManyToOne(() => Application, (a) => a.budgetLines, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'application_id' })
  application: Relation<Application>;

  @Column({ type: 'int' })
  position: number;

  @Column({ type: 'text' })
  item: string;

  @Column({ name: 'amount_pence', type: 'bigint', transformer: penceColumn })
  amountPence: number;
}
