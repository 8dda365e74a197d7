import {
  Column,
  JoinColumn,
  ManyToOne,
  type Relation,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Ballot } from './ballot.entity';

/**
 * A code sent to a resident to prove their email address for one ballot: valid 10 minutes,
 * used once, locked after 5 wrong tries. Only the code's hash is kept.
 */
@Entity({ name: 'voter_verifications' })
@Index('voter_verifications_ballot_email_idx', ['ballotId', 'email'])
export class VoterVerification {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'ballot_id', type: 'uuid' })
  ballotId: string;

  @ManyToOne(() => Ballot, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'ballot_id' })
  ballot: Relation<Ballot>;

  /** Lower case, trimmed: the same person with different capitals is one voter. */
  @Column({ type: 'text' })
  email: string;

  /** The full postcode given, normalised ("DN15 9AB"). */
  @Column({ type: 'text' })
  postcode: string;

  @Column({ name: 'code_hash', type: 'text' })
  codeHash: string;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Column({ name: 'wrong_attempts', type: 'int', default: 0 })
  wrongAttempts: number;

  @Column({ name: 'used_at', type: 'timestamptz', nullable: true })
  usedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
