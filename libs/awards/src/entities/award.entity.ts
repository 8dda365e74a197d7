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

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
