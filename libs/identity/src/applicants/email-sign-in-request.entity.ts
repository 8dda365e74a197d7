import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One request for a sign-in email. The code and the link both belong to this request only; the
 * code is checked against the request id the browser or client holds, so a code is useless
 * without it. Only hashes are stored.
 */
@Entity({ name: 'email_sign_in_requests' })
@Index('email_sign_in_requests_email_idx', ['email', 'createdAt'])
@Check('email_sign_in_requests_attempts_check', 'failed_attempts >= 0')
export class EmailSignInRequest {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  email: string;

  @Column({ name: 'code_hash', type: 'text' })
  codeHash: string;

  @Column({ name: 'link_token_hash', type: 'text' })
  linkTokenHash: string;

  @Column({ name: 'failed_attempts', type: 'int', default: 0 })
  failedAttempts: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  /** Set when the code or link signed someone in: each works once. */
  @Column({ name: 'used_at', type: 'timestamptz', nullable: true })
  usedAt: Date | null;
}
