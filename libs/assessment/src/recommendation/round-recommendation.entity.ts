import { Check, Column, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { GrantRound } from '@grants/funds';

export type RecommendationStatus = 'draft' | 'submitted';

/**
 * The officer's recommendation for a scored round: the threshold in force (the round's, or one
 * raised with a recorded reason such as "volume of applications") and whether the package has
 * gone to the decision maker.
 */
@Entity({ name: 'round_recommendations' })
@Check('round_recommendations_threshold_check', 'threshold_bp BETWEEN 0 AND 10000')
export class RoundRecommendation {
  @PrimaryColumn({ name: 'round_id', type: 'uuid' })
  roundId: string;

  @OneToOne(() => GrantRound, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'round_id' })
  round: GrantRound;

  @Column({ name: 'threshold_bp', type: 'int' })
  thresholdBp: number;

  @Column({ name: 'threshold_reason', type: 'text', nullable: true })
  thresholdReason: string | null;

  @Column({ type: 'text', default: 'draft' })
  status: RecommendationStatus;

  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  @Column({ name: 'submitted_by_id', type: 'uuid', nullable: true })
  submittedById: string | null;
}
