import {
  Column,
  JoinColumn,
  ManyToOne,
  type Relation,
  Entity,
  Index,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Ballot } from './ballot.entity';

/**
 * A resident whose email is proved for one ballot, with the short session that lets them vote.
 * Unique per ballot and email: proving the address again gives the same voter.
 */
@Entity({ name: 'ballot_voters' })
@Index('ballot_voters_ballot_email_key', ['ballotId', 'email'], { unique: true })
@Index('ballot_voters_session_key', ['sessionHash'], { unique: true })
export class BallotVoter {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'ballot_id', type: 'uuid' })
  ballotId: string;

  @ManyToOne(() => Ballot, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'ballot_id' })
  ballot: Relation<Ballot>;

  @Column({ type: 'text' })
  email: string;

  @Column({ type: 'text' })
  postcode: string;

  @Column({ name: 'verified_at', type: 'timestamptz' })
  verifiedAt: Date;

  @Column({ name: 'session_hash', type: 'text' })
  sessionHash: string;

  @Column({ name: 'session_expires_at', type: 'timestamptz' })
  sessionExpiresAt: Date;

  /** Staff ended this voter's session (suspected abuse): it can no longer vote. */
  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}
