import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Application } from '@grants/applications';
import { StaffUser } from '@grants/identity';

/**
 * - awaiting-declaration: assigned; the assessor must declare any conflict before opening it;
 * - accepted: no conflict declared; scoring (saved as they go);
 * - submitted: scores locked (an officer can reopen them, recorded);
 * - conflict: a conflict was declared; kept as the record, no longer counts, needs reassigning.
 */
export type AssignmentStatus = 'awaiting-declaration' | 'accepted' | 'submitted' | 'conflict';

@Entity({ name: 'assessor_assignments' })
@Index('assessor_assignments_key', ['applicationId', 'assessorId'], { unique: true })
@Index('assessor_assignments_assessor_idx', ['assessorId', 'status'])
export class AssessorAssignment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'application_id', type: 'uuid' })
  applicationId: string;

  @ManyToOne(() => Application, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'application_id' })
  application: Application;

  @Column({ name: 'assessor_id', type: 'uuid' })
  assessorId: string;

  @ManyToOne(() => StaffUser, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'assessor_id' })
  assessor: StaffUser;

  @Column({ type: 'text', default: 'awaiting-declaration' })
  status: AssignmentStatus;

  @Column({ name: 'assigned_by_id', type: 'uuid', nullable: true })
  assignedById: string | null;

  @CreateDateColumn({ name: 'assigned_at', type: 'timestamptz' })
  assignedAt: Date;

  @Column({ name: 'declared_at', type: 'timestamptz', nullable: true })
  declaredAt: Date | null;

  /** What the assessor declared (a conflict's nature), kept when the assignment is removed. */
  @Column({ name: 'conflict_note', type: 'text', nullable: true })
  conflictNote: string | null;

  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true })
  submittedAt: Date | null;
}
