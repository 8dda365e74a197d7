import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { AssessmentCriterion } from './assessment-criterion.entity';
import { AssessorAssignment } from './assessor-assignment.entity';

/** One assessor's score for one criterion of one application, with their comment. */
@Entity({ name: 'criterion_scores' })
@Index('criterion_scores_key', ['assignmentId', 'criterionId'], { unique: true })
@Check('criterion_scores_score_check', 'score >= 0')
export class CriterionScore {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'assignment_id', type: 'uuid' })
  assignmentId: string;

  @ManyToOne(() => AssessorAssignment, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'assignment_id' })
  assignment: AssessorAssignment;

  @Column({ name: 'criterion_id', type: 'uuid' })
  criterionId: string;

  @ManyToOne(() => AssessmentCriterion, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'criterion_id' })
  criterion: AssessmentCriterion;

  @Column({ type: 'int' })
  score: number;

  @Column({ type: 'text', default: '' })
  comment: string;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
