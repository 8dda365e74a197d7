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

/** The officer moving one application into or out of the recommendation, with the reason. */
@Entity({ name: 'recommendation_overrides' })
@Index('recommendation_overrides_key', ['roundId', 'applicationId'], { unique: true })
export class RecommendationOverride {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'round_id', type: 'uuid' })
  roundId: string;

  @Column({ name: 'application_id', type: 'uuid' })
  applicationId: string;

  @ManyToOne(() => Application, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'application_id' })
  application: Application;

  /** true: recommend although under the threshold; false: leave out although above it. */
  @Column({ type: 'boolean' })
  include: boolean;

  @Column({ type: 'text' })
  reason: string;

  @Column({ name: 'created_by_id', type: 'uuid', nullable: true })
  createdById: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
