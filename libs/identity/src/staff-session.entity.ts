import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { StaffUser } from './staff-user.entity';

/**
 * A signed-in session: a cookie for pages or a bearer token for the API. Only the token's hash
 * is stored. A session waiting for the second factor is not signed in yet.
 */
@Entity({ name: 'staff_sessions' })
export class StaffSession {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('staff_sessions_token_hash_key', { unique: true })
  @Column({ name: 'token_hash', type: 'text' })
  tokenHash: string;

  @Column({ name: 'staff_user_id', type: 'uuid' })
  staffUserId: string;

  @ManyToOne(() => StaffUser, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'staff_user_id' })
  staffUser: StaffUser;

  @Column({ type: 'text' })
  kind: 'cookie' | 'bearer';

  @Column({ name: 'mfa_pending', type: 'boolean', default: false })
  mfaPending: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}
