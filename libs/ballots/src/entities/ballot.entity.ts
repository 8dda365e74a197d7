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
  UpdateDateColumn,
} from 'typeorm';
import { GrantRound, RoundArea } from '@grants/funds';
import type { BallotStatus } from '../ballot-status';
import type { TieBreakRule } from '../rules/tie-break';
import type { VotingRuleName } from '../rules/voting-rules';

/** The residents' vote in one area of a public-vote round: its times, who may vote, its rules. */
@Entity({ name: 'ballots' })
@Index('ballots_area_key', ['areaId'], { unique: true })
@Index('ballots_round_idx', ['roundId'])
@Check('ballots_times_check', 'closes_at > opens_at')
@Check('ballots_flag_check', 'postcode_flag_threshold >= 1')
export class Ballot {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'round_id', type: 'uuid' })
  roundId: string;

  @ManyToOne(() => GrantRound, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'round_id' })
  round: Relation<GrantRound>;

  @Column({ name: 'area_id', type: 'uuid' })
  areaId: string;

  @ManyToOne(() => RoundArea, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'area_id' })
  area: Relation<RoundArea>;

  @Column({ type: 'text', default: 'draft' })
  status: BallotStatus;

  @Column({ name: 'opens_at', type: 'timestamptz' })
  opensAt: Date;

  @Column({ name: 'closes_at', type: 'timestamptz' })
  closesAt: Date;

  /** Postcode districts ("YO15") or sectors ("DN15 9") whose residents may vote, normalised. */
  @Column({ name: 'postcode_areas', type: 'text', array: true })
  postcodeAreas: string[];

  @Column({ name: 'voting_rule', type: 'text', default: 'single-choice' })
  votingRule: VotingRuleName;

  /** Stated before the vote opens: how a tie for first place is settled. */
  @Column({ name: 'tie_break_rule', type: 'text', default: 'decision-maker' })
  tieBreakRule: TieBreakRule;

  /** More votes than this from one full postcode are flagged for review (never dropped). */
  @Column({ name: 'postcode_flag_threshold', type: 'int', default: 10 })
  postcodeFlagThreshold: number;

  @Column({ name: 'winner_application_id', type: 'uuid', nullable: true })
  winnerApplicationId: string | null;

  /** When a tie was broken: how, and by whom (the decision maker's recorded choice). */
  @Column({ name: 'tie_break_note', type: 'text', nullable: true })
  tieBreakNote: string | null;

  @Column({ name: 'results_published_at', type: 'timestamptz', nullable: true })
  resultsPublishedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
