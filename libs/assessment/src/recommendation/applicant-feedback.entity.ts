import { Column, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * What the grants officer writes for an applicant about their bid (why it was not funded, or
 * what was strong); the decline notice sends it after the decision is signed off.
 */
@Entity({ name: 'applicant_feedback' })
@Index('applicant_feedback_round_idx', ['roundId'])
export class ApplicantFeedback {
  @PrimaryColumn({ name: 'application_id', type: 'uuid' })
  applicationId: string;

  @Column({ name: 'round_id', type: 'uuid' })
  roundId: string;

  @Column({ type: 'text' })
  feedback: string;

  @Column({ name: 'written_by_id', type: 'uuid', nullable: true })
  writtenById: string | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
