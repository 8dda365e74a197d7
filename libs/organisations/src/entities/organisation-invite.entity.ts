import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Organisation } from './organisation.entity';

/**
 * An invitation for an email address to join an organisation. Only someone signed in with that
 * address (which proves they hold it) can accept it, and they must do so explicitly: being
 * invited alone never makes anyone a member. It is open until it expires or is answered once
 * (accepted, declined, or withdrawn by a member). Inviting the address again re-opens the same
 * row, so there is never more than one per organisation and address.
 */
@Entity({ name: 'organisation_invites' })
@Index('organisation_invites_key', ['organisationId', 'email'], { unique: true })
@Index('organisation_invites_email_idx', ['email'])
@Check(
  'organisation_invites_answered_once_check',
  'num_nonnulls(accepted_at, declined_at, revoked_at) <= 1',
)
export class OrganisationInvite {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id' })
  organisation: Organisation;

  @Column({ type: 'text' })
  email: string;

  /** The member who sent the latest invitation. */
  @Column({ name: 'invited_by_id', type: 'uuid' })
  invitedById: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  /** When the latest invitation was sent: the first time, or when it was re-opened. */
  @Column({ name: 'sent_at', type: 'timestamptz' })
  sentAt: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Column({ name: 'accepted_at', type: 'timestamptz', nullable: true })
  acceptedAt: Date | null;

  @Column({ name: 'declined_at', type: 'timestamptz', nullable: true })
  declinedAt: Date | null;

  /** A member withdrew it before it was answered. */
  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}
