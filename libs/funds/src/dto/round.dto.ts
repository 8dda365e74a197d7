import { ApiProperty, ApiPropertyOptional, PartialType, OmitType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { ORGANISATION_TYPE_KEYS } from '../organisation-types';

/** A time without an offset would be read in the server's zone: ask for the offset instead. */
const WITH_OFFSET = /T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const OFFSET_MESSAGE = (field: string) =>
  `${field} must be a date and time with its offset from UTC, like 2022-10-24T17:00:00+01:00 (UK summer time) or 2022-10-24T16:00:00Z`;

export class BudgetContributionDto {
  @ApiProperty({ example: "Commissioner's Safety Fund" })
  @IsString()
  @MaxLength(200)
  sourceName: string;

  @ApiProperty({ example: 10000000, description: 'Whole pence' })
  @IsInt()
  @Min(1)
  amountPence: number;
}

export class RoundAreaDto {
  @ApiProperty({ example: 'Winterton' })
  @IsString()
  @MaxLength(120)
  name: string;

  @ApiProperty({ example: 'Anti-social behaviour in park areas where young people gather' })
  @IsString()
  @MaxLength(500)
  focusIssue: string;

  @ApiPropertyOptional({ example: 1000000, description: 'Whole pence', nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1)
  budgetCapPence?: number | null;

  @ApiPropertyOptional({ example: 3, nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10)
  shortlistSize?: number | null;
}

export class CreateRoundDto {
  @ApiProperty({ example: 'commissioners-safety-fund' })
  @IsString()
  fundSlug: string;

  @ApiProperty({ example: 'DIV' })
  @IsString()
  @MaxLength(10)
  code: string;

  @ApiProperty({ example: 'Diversion from ASB and Crime' })
  @IsString()
  @MaxLength(200)
  title: string;

  @ApiProperty({ example: 'Diversion' })
  @IsString()
  @MaxLength(200)
  theme: string;

  @ApiProperty()
  @IsString()
  @MaxLength(5000)
  description: string;

  @ApiProperty({ example: '2022-09-26T00:00:00+01:00', description: 'ISO 8601 with an offset' })
  @IsISO8601({ strict: true, strictSeparator: true })
  @Matches(WITH_OFFSET, { message: OFFSET_MESSAGE('opensAt') })
  opensAt: string;

  @ApiProperty({ example: '2022-10-24T17:00:00+01:00', description: 'ISO 8601 with an offset' })
  @IsISO8601({ strict: true, strictSeparator: true })
  @Matches(WITH_OFFSET, { message: OFFSET_MESSAGE('closesAt') })
  closesAt: string;

  @ApiProperty({ type: [BudgetContributionDto] })
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => BudgetContributionDto)
  budgetContributions: BudgetContributionDto[];

  @ApiProperty({ example: 0 })
  @IsInt()
  @Min(0)
  minGrantPence: number;

  @ApiProperty({ example: 2000000 })
  @IsInt()
  @Min(1)
  maxGrantPence: number;

  @ApiProperty({ example: 12 })
  @IsInt()
  @Min(1)
  @Max(120)
  minDurationMonths: number;

  @ApiProperty({ example: 24 })
  @IsInt()
  @Min(1)
  @Max(120)
  maxDurationMonths: number;

  @ApiProperty({ enum: ORGANISATION_TYPE_KEYS, isArray: true })
  @IsArray()
  @IsIn(ORGANISATION_TYPE_KEYS, {
    each: true,
    message: ({ value }) =>
      `Unknown organisation type: ${[value]
        .flat()
        .filter((v) => !(ORGANISATION_TYPE_KEYS as unknown[]).includes(v))
        .join(', ')}`,
  })
  eligibleOrganisationTypes: string[];

  @ApiPropertyOptional({ type: [String], example: ['Curbing violent crime'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  planThemes?: string[];

  @ApiPropertyOptional({ type: [RoundAreaDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => RoundAreaDto)
  areas?: RoundAreaDto[];

  @ApiProperty({ enum: ['scored', 'public-vote', 'allocation'] })
  @IsIn(['scored', 'public-vote', 'allocation'])
  decisionMethod: 'scored' | 'public-vote' | 'allocation';

  @ApiPropertyOptional({ example: 70, description: 'Scored rounds: percent, up to 2 decimals' })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false })
  recommendThresholdPercent?: number;

  @ApiPropertyOptional({ example: 60 })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false })
  reserveThresholdPercent?: number;

  @ApiPropertyOptional({
    example: 3,
    description: 'Public-vote rounds: projects shortlisted per area',
  })
  @IsOptional()
  @IsInt()
  shortlistSize?: number;

  @ApiPropertyOptional({ example: 1 })
  @IsOptional()
  @IsInt()
  winnersPerArea?: number;

  @ApiPropertyOptional({
    type: [String],
    example: ['Governing document seen', "Bank account in the organisation's name"],
    description: 'What the grants officer confirms before an application is eligible',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  appraisalChecklist?: string[];

  @ApiPropertyOptional({
    example: true,
    description: 'One application per organisation per area (a second one fails its check)',
  })
  @IsOptional()
  @IsBoolean()
  oneApplicationPerArea?: boolean;
}

export class UpdateRoundDto extends PartialType(OmitType(CreateRoundDto, ['fundSlug'] as const)) {}
