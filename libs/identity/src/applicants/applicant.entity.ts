import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A person who applies for grants. There is no password: they prove the email address each time
 * with a one-time code or link, and the account is made the first time they do.
 */
@Entity({ name: 'applicants' })
export class Applicant {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Normalised (trimmed, lower case). */
  @Index('applicants_email_key', { unique: true })
  @Column({ type: 'text' })
  email: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'last_signed_in_at', type: 'timestamptz', nullable: true })
  lastSignedInAt: Date | null;
}
