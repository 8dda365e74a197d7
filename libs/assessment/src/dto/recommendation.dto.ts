import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsNumber, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { MAX_MODERATION_NOTE } from '../moderation.service';
import { MAX_RECOMMENDATION_REASON } from '../recommendation/recommendation.service';
import { SCORE_BAND_LABELS, ScoreBand } from '../scoring/score-bands';

const PERCENT = { maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false };
const PERCENT_MESSAGE = 'must be a percentage from 0 to 100, with at most two decimals';

export class ThresholdInputDto {
  @ApiProperty({ example: 72.5, minimum: 0, maximum: 100, description: 'At most two decimals' })
  @IsNumber(PERCENT, { message: `thresholdPercent ${PERCENT_MESSAGE}` })
  @Min(0, { message: `thresholdPercent ${PERCENT_MESSAGE}` })
  @Max(100, { message: `thresholdPercent ${PERCENT_MESSAGE}` })
  thresholdPercent: number;

  @ApiProperty({ example: 'Volume of applications', maxLength: MAX_RECOMMENDATION_REASON })
  @IsString({ message: 'reason must be text' })
  @MaxLength(MAX_RECOMMENDATION_REASON, {
    message: `reason must be ${MAX_RECOMMENDATION_REASON} characters or fewer`,
  })
  reason: string;
}

export class OverrideInputDto {
  @ApiProperty({
    type: Boolean,
    description:
      'true moves in, false moves out (DELETE the override to go back to what the score says)',
  })
  @IsBoolean({ message: 'include must be true or false' })
  include: boolean;

  @ApiPropertyOptional({
    example: 'Only project in the north of the county',
    maxLength: MAX_RECOMMENDATION_REASON,
    description: 'Needed to move in or out',
  })
  @IsOptional()
  @IsString({ message: 'reason must be text' })
  @MaxLength(MAX_RECOMMENDATION_REASON, {
    message: `reason must be ${MAX_RECOMMENDATION_REASON} characters or fewer`,
  })
  reason?: string;
}

export class ModerationInputDto {
  @ApiPropertyOptional({
    example: 65.5,
    type: Number,
    minimum: 0,
    maximum: 100,
    description: "The agreed score; left out, the assessors' mean stands",
  })
  @IsOptional()
  @IsNumber(PERCENT, { message: `agreedScorePercent ${PERCENT_MESSAGE}` })
  @Min(0, { message: `agreedScorePercent ${PERCENT_MESSAGE}` })
  @Max(100, { message: `agreedScorePercent ${PERCENT_MESSAGE}` })
  agreedScorePercent?: number;

  @ApiProperty({
    example: 'Agreed at panel: the delivery plan is credible.',
    maxLength: MAX_MODERATION_NOTE,
  })
  @IsString({ message: 'note must be text' })
  @MaxLength(MAX_MODERATION_NOTE, {
    message: `note must be ${MAX_MODERATION_NOTE} characters or fewer`,
  })
  note: string;
}

export class ModerationResultDto {
  @ApiProperty({ format: 'uuid' })
  applicationId: string;

  @ApiProperty({
    example: 6550,
    nullable: true,
    type: Number,
    description: 'Hundredths of a percent',
  })
  agreedScoreBp: number | null;

  @ApiProperty({ example: 'Agreed at panel: the delivery plan is credible.' })
  note: string;

  @ApiProperty({ format: 'date-time' })
  moderatedAt: string;
}

export class RecommendationOverrideDto {
  @ApiProperty()
  include: boolean;

  @ApiProperty({ example: 'Only project in the north of the county' })
  reason: string;
}

export class RecommendationRowDto {
  @ApiProperty({ example: 1 })
  rank: number;

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

  @ApiProperty({ example: '72.50', description: 'Two decimals, rounded down' })
  percentage: string;

  @ApiProperty({ enum: Object.keys(SCORE_BAND_LABELS) })
  band: ScoreBand;

  @ApiProperty({ description: 'At or above the threshold in force' })
  meetsThreshold: boolean;

  @ApiProperty({ type: RecommendationOverrideDto, nullable: true })
  override: RecommendationOverrideDto | null;

  @ApiProperty()
  recommended: boolean;

  @ApiProperty({ example: 4500000, description: 'Running total of recommended amounts, pence' })
  cumulativePence: number;

  @ApiProperty({ description: 'Recommended and within the money available at this point' })
  fitsBudget: boolean;
}

export class RecommendationDto {
  @ApiProperty({ format: 'uuid' })
  roundId: string;

  @ApiProperty({ enum: ['draft', 'submitted'] })
  status: 'draft' | 'submitted';

  @ApiProperty({ example: 7250, description: 'The threshold in force, hundredths of a percent' })
  thresholdBp: number;

  @ApiProperty({ example: 7000, description: "The round's own threshold" })
  roundThresholdBp: number;

  @ApiProperty({ example: 'Volume of applications', nullable: true, type: String })
  thresholdReason: string | null;

  @ApiProperty({ type: [RecommendationRowDto], description: 'Scored applications by rank' })
  rows: RecommendationRowDto[];

  @ApiProperty({ example: 20403033 })
  budgetPence: number;

  @ApiProperty({ example: 0 })
  committedPence: number;

  @ApiProperty({ example: 20403033 })
  availablePence: number;

  @ApiProperty({ example: 16500000 })
  recommendedPence: number;

  @ApiProperty({ example: 11 })
  recommendedCount: number;

  @ApiProperty({ example: 3903033, description: 'Negative means over budget' })
  remainingPence: number;
}
