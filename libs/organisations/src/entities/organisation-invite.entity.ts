import {
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
 * An invitation for an email address to join an organisation. It is taken up when someone
 * signs in with that address (which proves they hold it), so no invite link can be forwarded.
 */
@Entity({ name: 'organisation_invites' })
@Index('organisation_invites_key', ['organisationId', 'email'], { unique: true })
@Index('organisation_invites_email_idx', ['email'])
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

  @Column({ name: 'invited_by_id', type: 'uuid' })
  invitedById: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'accepted_at', type: 'timestamptz', nullable: true })
  acceptedAt: Date | null;
}
