import { Check, Column, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { Application } from '@grants/applications';

/**
 * A moderator's resolution of assessors who disagreed: an agreed score (which then stands as the
 * application's score) and/or a note. The latest stands; earlier ones are in the audit log.
 */
@Entity({ name: 'score_moderations' })
@Check(
  'score_moderations_score_check',
  'agreed_score_bp IS NULL OR agreed_score_bp BETWEEN 0 AND 10000',
)
export class ScoreModeration {
  @PrimaryColumn({ name: 'application_id', type: 'uuid' })
  applicationId: string;

  @OneToOne(() => Application, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'application_id' })
  application: Application;

  /** Hundredths of a percent (6550 = 65.50%); null when the moderator kept the assessors' mean. */
  @Column({ name: 'agreed_score_bp', type: 'int', nullable: true })
  agreedScoreBp: number | null;

  @Column({ type: 'text' })
  note: string;

  @Column({ name: 'moderated_by_id', type: 'uuid', nullable: true })
  moderatedById: string | null;

  @Column({ name: 'moderated_at', type: 'timestamptz' })
  moderatedAt: Date;
}
