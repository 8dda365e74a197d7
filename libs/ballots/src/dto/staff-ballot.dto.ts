import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsISO8601, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { MAX_TIE_BREAK_NOTE } from '../tally.service';
import { MAX_VOID_REASON } from '../vote-review.service';

const WITH_OFFSET = /T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const TIME = (field: string) => ({
  message: `${field} must be an ISO 8601 date and time with an offset, like 2023-05-02T09:00:00+01:00`,
});

export class BallotSettingsDto {
  @ApiProperty({ example: '2023-05-02T09:00:00+01:00', description: 'ISO 8601 with an offset' })
  @Matches(WITH_OFFSET, TIME('opensAt'))
  @IsISO8601({ strict: true, strictSeparator: true }, TIME('opensAt'))
  @IsString(TIME('opensAt'))
  opensAt: string;

  @ApiProperty({ example: '2023-05-16T17:00:00+01:00', description: 'ISO 8601 with an offset' })
  @Matches(WITH_OFFSET, TIME('closesAt'))
  @IsISO8601({ strict: true, strictSeparator: true }, TIME('closesAt'))
  @IsString(TIME('closesAt'))
  closesAt: string;

  @ApiProperty({ example: 'YO15, YO16', description: 'Postcode districts or sectors, by commas' })
  @MaxLength(500, { message: 'postcodeAreas must be 500 characters or fewer' })
  @IsString({ message: 'postcodeAreas must be text, like "YO15, YO16"' })
  postcodeAreas: string;

  @ApiProperty({ example: 10, description: 'Flag more votes than this from one full postcode' })
  @IsInt({ message: 'postcodeFlagThreshold must be a whole number' })
  postcodeFlagThreshold: number;
}

export class PublishResultsDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Only when projects tie: the decision maker’s choice among them',
  })
  @IsOptional()
  @MaxLength(100, { message: 'Choose one of the tied projects' })
  @IsString({ message: 'Choose one of the tied projects' })
  winnerApplicationId?: string;

  @ApiPropertyOptional({ maxLength: MAX_TIE_BREAK_NOTE, description: 'Why, with a tie-break' })
  @IsOptional()
  @MaxLength(MAX_TIE_BREAK_NOTE, {
    message: `The reason must be ${MAX_TIE_BREAK_NOTE} characters or fewer`,
  })
  @IsString({ message: 'note must be text' })
  note?: string;
}

export class VoidVoteDto {
  @ApiProperty({ maxLength: MAX_VOID_REASON, example: 'Twelve votes from one address in a minute' })
  @MaxLength(MAX_VOID_REASON, {
    message: `The reason must be ${MAX_VOID_REASON} characters or fewer`,
  })
  @IsString({ message: 'Enter why this vote is voided' })
  reason: string;
}

export class ReviewVotesQueryDto {
  @ApiPropertyOptional({
    example: 'DN15 9AB',
    description: 'The votes from this full postcode; left out, every flagged vote',
  })
  @IsOptional()
  @MaxLength(20, { message: 'Enter a full UK postcode, like DN15 9AB' })
  @IsString({ message: 'Enter a full UK postcode, like DN15 9AB' })
  postcode?: string;
}

export class HourlyVotesDto {
  @ApiProperty({ example: '2023-05-02 18:00', description: 'The hour, UK time' })
  hour: string;

  @ApiProperty()
  votes: number;
}

export class TurnoutDto {
  @ApiProperty({ format: 'uuid' })
  ballotId: string;

  @ApiProperty({ example: 'Winterton' })
  areaName: string;

  @ApiProperty({ description: 'Votes that count' })
  votes: number;

  @ApiProperty()
  voided: number;

  @ApiProperty({ description: 'Residents who proved their email' })
  verifiedVoters: number;

  @ApiProperty({ type: [HourlyVotesDto] })
  byHour: HourlyVotesDto[];
}

export class PostcodeClusterDto {
  @ApiProperty({ example: 'DN15 9AB' })
  postcode: string;

  @ApiProperty()
  votes: number;

  @ApiProperty()
  voided: number;

  @ApiProperty({ format: 'date-time' })
  firstAt: string;

  @ApiProperty({ format: 'date-time' })
  lastAt: string;
}

export class ReviewVoteDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'date-time' })
  castAt: string;

  @ApiProperty({ example: 'DN15 9AB' })
  postcode: string;

  @ApiProperty({ description: 'The start of the keyed hash of the address: repeats, not who' })
  ipHash: string;

  @ApiProperty()
  userAgent: string;

  @ApiProperty()
  choiceTitle: string;

  @ApiProperty()
  flagged: boolean;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  voidedAt: string | null;

  @ApiProperty({ nullable: true, type: String })
  voidReason: string | null;
}

export class VoidedVoteDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  ballotId: string;

  @ApiProperty({ format: 'date-time' })
  voidedAt: string;

  @ApiProperty()
  voidReason: string;
}
