import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Each reminder sent, keyed by what it is about and which reminder it is. The sweep inserts the
 * row and the email in one transaction and only when the insert took, so however often the sweep
 * runs, or in however many workers, a reminder goes once.
 */
@Entity({ name: 'grant_reminders' })
@Index('grant_reminders_subject_kind_key', ['subjectId', 'kind'], { unique: true })
export class GrantReminder {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** An award (offer reminders) or a monitoring return. */
  @Column({ name: 'subject_id', type: 'uuid' })
  subjectId: string;

  @Column({ type: 'text' })
  kind: string;

  @CreateDateColumn({ name: 'sent_at', type: 'timestamptz' })
  sentAt: Date;
}
