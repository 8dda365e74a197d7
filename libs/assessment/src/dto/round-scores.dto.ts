import { ApiProperty } from '@nestjs/swagger';
import { SCORE_BAND_LABELS, ScoreBand } from '../scoring/score-bands';

const BANDS = Object.keys(SCORE_BAND_LABELS);

export class ModerationDto {
  @ApiProperty({ example: '65.00', nullable: true, type: String, description: 'The agreed score' })
  agreedPercentage: string | null;

  @ApiProperty({ example: 'Agreed at panel: the delivery plan is credible.' })
  note: string;
}

export class ApplicationScoreDto {
  @ApiProperty({
    example: 1,
    nullable: true,
    type: Number,
    description: 'Highest score first, equal scores by reference; null until scored',
  })
  rank: number | null;

  @ApiProperty({ format: 'uuid' })
  applicationId: string;

  @ApiProperty({ example: 'CSF-2022-DIV-0007' })
  reference: string;

  @ApiProperty({ example: 'Braunstone Youth Trust' })
  organisationName: string;

  @ApiProperty({ example: 'Friday night football in Braunstone' })
  projectTitle: string;

  @ApiProperty({ example: 1500000, nullable: true, type: Number, description: 'Whole pence' })
  amountRequestedPence: number | null;

  @ApiProperty({ example: 2, description: 'Submitted assessments counted' })
  assessorCount: number;

  @ApiProperty({
    example: '69.99',
    nullable: true,
    type: String,
    description: 'Two decimals, rounded down (69.995 shows as 69.99 and is not 70)',
  })
  percentage: string | null;

  @ApiProperty({
    example: 6999,
    nullable: true,
    type: Number,
    description: 'Hundredths of a percent, rounded down; the band is decided on the exact score',
  })
  scoreBasisPoints: number | null;

  @ApiProperty({ enum: BANDS, nullable: true })
  band: ScoreBand | null;

  @ApiProperty({ example: 'Reserve', nullable: true, type: String })
  bandLabel: string | null;

  @ApiProperty({
    example: 2000,
    description: 'Highest minus lowest assessor, hundredths of a percent (rounded up)',
  })
  spreadBp: number;

  @ApiProperty({ description: 'Assessors are further apart than the round allows' })
  flagged: boolean;

  @ApiProperty({ description: 'Flagged and not yet resolved by a moderator' })
  needsModeration: boolean;

  @ApiProperty({
    example: '50.00',
    nullable: true,
    type: String,
    description: "The assessors' mean before moderation (percentage is the agreed one, if any)",
  })
  assessorsPercentage: string | null;

  @ApiProperty({ type: ModerationDto, nullable: true })
  moderation: ModerationDto | null;
}

export class BandCountsDto {
  @ApiProperty({ example: 11 })
  recommend: number;

  @ApiProperty({ example: 10 })
  reserve: number;

  @ApiProperty({ example: 13 })
  notRecommended: number;

  @ApiProperty({ example: 0, description: 'Eligible, with no submitted assessment yet' })
  unscored: number;

  @ApiProperty({ example: 1 })
  needsModeration: number;
}

export class RoundScoresDto {
  @ApiProperty({ format: 'uuid' })
  roundId: string;

  @ApiProperty({
    example: 7000,
    description: 'Recommend at this or more (hundredths of a percent)',
  })
  recommendThresholdBp: number;

  @ApiProperty({ example: 6000, description: 'Reserve at this or more' })
  reserveThresholdBp: number;

  @ApiProperty({
    type: [ApplicationScoreDto],
    description: 'Every eligible application: ranked first, then those not yet scored',
  })
  applications: ApplicationScoreDto[];

  @ApiProperty({ type: BandCountsDto })
  counts: BandCountsDto;
}
