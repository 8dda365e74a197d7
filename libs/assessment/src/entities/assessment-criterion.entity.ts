import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { GrantRound } from '@grants/funds';

/**
 * One criterion of a scored round's rubric: need and evidence 25%, delivery plan 25%, ...
 * Weights are whole percentages adding up to 100 across the round.
 */
@Entity({ name: 'assessment_criteria' })
@Index('assessment_criteria_round_idx', ['roundId', 'position'])
@Check('assessment_criteria_max_check', 'max_score BETWEEN 1 AND 100')
@Check('assessment_criteria_weight_check', 'weight BETWEEN 1 AND 100')
export class AssessmentCriterion {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'round_id', type: 'uuid' })
  roundId: string;

  @ManyToOne(() => GrantRound, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'round_id' })
  round: GrantRound;

  @Column({ type: 'int' })
  position: number;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text', default: '' })
  guidance: string;

  @Column({ name: 'max_score', type: 'int' })
  maxScore: number;

  /** Whole percent of the application's score. */
  @Column({ type: 'int' })
  weight: number;
}
