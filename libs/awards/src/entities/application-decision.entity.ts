import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { penceColumn } from '@grants/core';
import { GrantRound } from '@grants/funds';

export type DecisionOutcome = 'approved' | 'declined';

/**
 * The decision maker's answer on one recommended application, changeable until the package is
 * signed off. An approval holds its amount as a budget commitment (RoundBudgetService).
 */
@Entity({ name: 'application_decisions' })
@Index('application_decisions_round_idx', ['roundId'])
@Check(
  'application_decisions_amount_check',
  `(outcome = 'approved' AND amount_pence > 0) OR (outcome = 'declined' AND amount_pence IS NULL)`,
)
export class ApplicationDecision {
  @PrimaryColumn({ name: 'application_id', type: 'uuid' })
  applicationId: string;

  @Column({ name: 'round_id', type: 'uuid' })
  roundId: string;

  @ManyToOne(() => GrantRound, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'round_id' })
  round: GrantRound;

  @Column({ type: 'text' })
  outcome: DecisionOutcome;

  @Column({ name: 'amount_pence', type: 'bigint', nullable: true, transformer: penceColumn })
  amountPence: number | null;

  /** Why the amount differs from what was requested. */
  @Column({ name: 'amount_reason', type: 'text', nullable: true })
  amountReason: string | null;

  /** Why a recommended application was declined (kept with the decision, not sent). */
  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ name: 'decided_by_id', type: 'uuid', nullable: true })
  decidedById: string | null;

  /** The service's clock, not the database's: a seeded or replayed decision keeps its own time. */
  @Column({ name: 'decided_at', type: 'timestamptz' })
  decidedAt: Date;
}
