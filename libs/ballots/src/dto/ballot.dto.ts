import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { BALLOT_STATUSES, type BallotStatus } from '../ballot-status';

export class BallotRuleDto {
  @ApiProperty({ example: 'single-choice' })
  name: string;

  @ApiProperty({ example: 'Choose one project' })
  description: string;
}

/** A ballot as the public and staff read it: area, times, who may vote, its rules, its status. */
export class BallotDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  roundId: string;

  @ApiProperty({ example: 'Community Response Fund pilot' })
  roundTitle: string;

  @ApiProperty({ format: 'uuid' })
  areaId: string;

  @ApiProperty({ example: 'Winterton' })
  areaName: string;

  @ApiProperty({ enum: BALLOT_STATUSES })
  status: BallotStatus;

  @ApiProperty({ example: 'Open for votes' })
  statusLabel: string;

  @ApiProperty({ format: 'date-time' })
  opensAt: string;

  @ApiProperty({ format: 'date-time' })
  closesAt: string;

  @ApiProperty({ example: ['DN15 9'], description: 'Postcode districts or sectors of the area' })
  postcodeAreas: string[];

  @ApiProperty({ type: BallotRuleDto, description: 'How choices are made' })
  votingRule: BallotRuleDto;

  @ApiProperty({ type: BallotRuleDto, description: 'How a tie for first place is settled' })
  tieBreakRule: BallotRuleDto;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  resultsPublishedAt: string | null;
}

/** The staff view adds the review threshold. */
export class StaffBallotDto extends BallotDto {
  @ApiProperty({ example: 10, description: 'More votes than this from one postcode are flagged' })
  postcodeFlagThreshold: number;
}

export class ProjectCountDto {
  @ApiProperty({ format: 'uuid' })
  applicationId: string;

  @ApiProperty()
  publicTitle: string;

  @ApiProperty({ example: 950000, description: 'Whole pence' })
  amountPence: number;

  @ApiProperty({ description: 'Votes that count' })
  votes: number;

  @ApiProperty({ description: 'Votes staff voided (not counted)' })
  voided: number;
}

/** The count, from the stored votes: live for staff, and the published result for everyone. */
export class BallotCountDto {
  @ApiProperty({ format: 'uuid' })
  ballotId: string;

  @ApiProperty({ example: 'Winterton' })
  areaName: string;

  @ApiProperty({ enum: BALLOT_STATUSES })
  status: BallotStatus;

  @ApiProperty({ type: [ProjectCountDto], description: 'Most votes first' })
  projects: ProjectCountDto[];

  @ApiProperty()
  totalVotes: number;

  @ApiProperty()
  voidedVotes: number;

  @ApiProperty({ type: [String], description: 'The projects with the most votes (2+ is a tie)' })
  leaders: string[];

  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String })
  winnerApplicationId: string | null;

  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'When projects tied: why the decision maker chose the winner',
  })
  tieBreakNote: string | null;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  resultsPublishedAt: string | null;
}
