import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { BallotVoter } from './ballot-voter.entity';

/**
 * One resident's vote in one ballot. The unique (ballot, voter) index is what makes it one vote
 * each, whatever the concurrency: a second insert does nothing. Counts are taken from these rows.
 * The row is its own record of the change (time, hashed address, browser), so votes are not
 * copied into the audit log; voiding one is.
 */
@Entity({ name: 'votes' })
@Index('votes_ballot_voter_key', ['ballotId', 'voterId'], { unique: true })
@Index('votes_receipt_key', ['receiptHash'], { unique: true })
@Index('votes_ballot_postcode_idx', ['ballotId', 'postcode'])
@Index('votes_ballot_choice_idx', ['ballotId', 'applicationId'])
export class Vote {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /**
   * No foreign key to the ballot or the shortlist entry: every vote would share-lock the same
   * few parent rows, and at a busy vote those locks (multixacts) cost more than the insert. The
   * voter's key covers the ballot (the statement takes both from the voter's row), and the
   * choice is checked against the ballot's shortlist, which is fixed once it is scheduled.
   */
  @Column({ name: 'ballot_id', type: 'uuid' })
  ballotId: string;

  @Column({ name: 'voter_id', type: 'uuid' })
  voterId: string;

  @ManyToOne(() => BallotVoter, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'voter_id' })
  voter: Relation<BallotVoter>;

  /** The shortlisted application voted for. */
  @Column({ name: 'application_id', type: 'uuid' })
  applicationId: string;

  @Column({ name: 'cast_at', type: 'timestamptz' })
  castAt: Date;

  /** SHA-256 of the receipt code the voter was given: they can check their vote is counted. */
  @Column({ name: 'receipt_hash', type: 'text' })
  receiptHash: string;

  @Column({ type: 'text' })
  postcode: string;

  /** Keyed hash of the client address: enough to see many votes from one place, not who. */
  @Column({ name: 'ip_hash', type: 'text' })
  ipHash: string;

  @Column({ name: 'user_agent', type: 'text' })
  userAgent: string;

  /** Over the ballot's per-postcode threshold when cast: for staff to review. */
  @Column({ type: 'boolean', default: false })
  flagged: boolean;

  @Column({ name: 'voided_at', type: 'timestamptz', nullable: true })
  voidedAt: Date | null;

  @Column({ name: 'void_reason', type: 'text', nullable: true })
  voidReason: string | null;

  @Column({ name: 'voided_by_id', type: 'uuid', nullable: true })
  voidedById: string | null;
}
