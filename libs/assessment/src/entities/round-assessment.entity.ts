import { Check, Column, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { GrantRound } from '@grants/funds';

/** Assessors further apart than 20 points are flagged unless the round says otherwise. */
export const DEFAULT_MODERATION_SPREAD_BP = 2000;

/** A scored round's assessment settings: when its rubric froze and when scores need moderating. */
@Entity({ name: 'round_assessments' })
@Check('round_assessments_spread_check', 'moderation_spread_bp BETWEEN 0 AND 10000')
export class RoundAssessment {
  @PrimaryColumn({ name: 'round_id', type: 'uuid' })
  roundId: string;

  @OneToOne(() => GrantRound, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'round_id' })
  round: GrantRound;

  /** Assessors' percentages further apart than this (hundredths of a percent) are flagged. */
  @Column({ name: 'moderation_spread_bp', type: 'int', default: DEFAULT_MODERATION_SPREAD_BP })
  moderationSpreadBp: number;

  /**
   * Whether applicants are told their score with the decision. Off unless the round chooses to
   * publish feedback: scores are the panel's working, not the applicant's by default.
   */
  @Column({ name: 'publish_scores', type: 'boolean', default: false })
  publishScores: boolean;

  /** Set by the first assignment: from then on the criteria cannot change. */
  @Column({ name: 'rubric_frozen_at', type: 'timestamptz', nullable: true })
  rubricFrozenAt: Date | null;
}
