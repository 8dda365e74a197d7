import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { penceColumn } from '@grants/core';
import { Application } from '@grants/applications';
import { DecisionRecord } from './decision-record.entity';
import type { AwardStatus } from '../award-status';

/** A grant offered to an organisation for one application, made when the decision is signed off. */
@Entity({ name: 'awards' })
@Index('awards_application_key', ['applicationId'], { unique: true })
@Index('awards_round_idx', ['roundId'])
@Index('awards_organisation_idx', ['organisationId'])
@Check('awards_amount_check', 'amount_pence > 0')
@Check('awards_returned_check', 'returned_pence >= 0')
export class Award {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'application_id', type: 'uuid' })
  applicationId: string;

  @ManyToOne(() => Application, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'application_id' })
  application: Relation<Application>;

  @Column({ name: 'round_id', type: 'uuid' })
  roundId: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @Column({ name: 'decision_record_id', type: 'uuid' })
  decisionRecordId: string;

  @ManyToOne(() => DecisionRecord, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'decision_record_id' })
  decisionRecord: Relation<DecisionRecord>;

  @Column({ name: 'amount_pence', type: 'bigint', transformer: penceColumn })
  amountPence: number;

  @Column({ type: 'text', default: 'offered' })
  status: AwardStatus;

  @Column({ name: 'offered_at', type: 'timestamptz' })
  offeredAt: Date;

  /** When the organisation answered the offer (accepted or declined). */
  @Column({ name: 'answered_at', type: 'timestamptz', nullable: true })
  answeredAt: Date | null;

  /** The named person who answered for the organisation, and their role in it. */
  @Column({ name: 'answered_by_name', type: 'text', nullable: true })
  answeredByName: string | null;

  @Column({ name: 'answered_by_role', type: 'text', nullable: true })
  answeredByRole: string | null;

  @Column({ name: 'answered_by_applicant_id', type: 'uuid', nullable: true })
  answeredByApplicantId: string | null;

  /** Why the organisation declined the grant. */
  @Column({ name: 'decline_reason', type: 'text', nullable: true })
  declineReason: string | null;

  /** The last UK day the organisation may accept: after it the offer lapses (`expired`). */
  @Column({ name: 'offer_expires_on', type: 'date', nullable: true })
  offerExpiresOn: string | null;

  /** The project's dates as agreed on acceptance (a variation may move the end). */
  @Column({ name: 'planned_start_on', type: 'date', nullable: true })
  plannedStartOn: string | null;

  @Column({ name: 'planned_end_on', type: 'date', nullable: true })
  plannedEndOn: string | null;

  /** When and how the grant ended: `completed`, or `ended-early` with the officer's note. */
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  @Column({ name: 'closed_outcome', type: 'text', nullable: true })
  closedOutcome: 'completed' | 'ended-early' | null;

  @Column({ name: 'closure_note', type: 'text', nullable: true })
  closureNote: string | null;

  /** Money paid out that the organisation gave back unspent (recorded at closure). */
  @Column({ name: 'returned_pence', type: 'bigint', transformer: penceColumn, default: 0 })
  returnedPence: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
