import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Application } from './application.entity';

export const APPLICATION_MESSAGE_KINDS = [
  'receipt',
  'resubmitted',
  'more-information-requested',
  'more-information-answered',
  'eligible',
  'ineligible',
  'reopened',
  'withdrawn',
  'shortlisted',
  'not-shortlisted',
  'award-offered',
  'award-accepted',
  'award-declined',
  'unsuccessful',
  'offer-reminder',
  'offer-expired',
  'payment-made',
  'return-reminder',
  'return-overdue',
  'return-submitted',
  'return-more-information',
  'return-accepted',
  'variation-requested',
  'variation-approved',
  'variation-declined',
  'grant-closed',
] as const;
export type ApplicationMessageKind = (typeof APPLICATION_MESSAGE_KINDS)[number];

/**
 * What was said about an application, in order: each email sent to the applicant and each
 * answer they gave. The applicant's messages page lists these.
 */
@Entity({ name: 'application_messages' })
@Index('application_messages_application_idx', ['applicationId', 'createdAt'])
export class ApplicationMessage {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'application_id', type: 'uuid' })
  applicationId: string;

  @ManyToOne(() => Application, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'application_id' })
  application: Application;

  @Column({ type: 'text' })
  kind: ApplicationMessageKind;

  /** 'office' for messages to the applicant, 'applicant' for their answers. */
  @Column({ type: 'text' })
  sender: 'office' | 'applicant';

  @Column({ type: 'text' })
  subject: string;

  @Column({ type: 'text' })
  body: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
