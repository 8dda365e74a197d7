import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { penceColumn } from '@grants/core';
import { GrantRound } from '@grants/funds';
import { ScoreBand } from '../scoring/score-bands';

/**
 * One line of the package as it went to the decision maker: the ranking, score and advice are
 * kept as they were sent, so later changes (a late moderation, say) cannot alter what the
 * Commissioner was asked to decide.
 */
@Entity({ name: 'recommendation_items' })
@Index('recommendation_items_round_idx', ['roundId', 'rank'])
export class RecommendationItem {
  @PrimaryColumn({ name: 'application_id', type: 'uuid' })
  applicationId: string;

  @Column({ name: 'round_id', type: 'uuid' })
  roundId: string;

  @ManyToOne(() => GrantRound, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'round_id' })
  round: GrantRound;

  @Column({ type: 'int' })
  rank: number;

  /** Two decimals, rounded down, as the officer saw it ("72.50"). */
  @Column({ type: 'text' })
  percentage: string;

  @Column({ type: 'text' })
  band: ScoreBand;

  @Column({ name: 'amount_requested_pence', type: 'bigint', transformer: penceColumn })
  amountRequestedPence: number;

  @Column({ type: 'boolean' })
  recommended: boolean;

  /** Why the officer moved it in or out, when they did. */
  @Column({ name: 'override_reason', type: 'text', nullable: true })
  overrideReason: string | null;
}
