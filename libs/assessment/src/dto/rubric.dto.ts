import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsInt,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { MAX_CRITERIA } from '../rubric-rules';

/** One criterion as an officer sets it; rubric-rules checks the rest (weights adding to 100). */
export class CriterionInputDto {
  @ApiProperty({ example: 'Need and evidence', maxLength: 120 })
  @IsString({ message: 'The title must be text' })
  @MaxLength(120, { message: 'The title must be 120 characters or fewer' })
  title: string;

  @ApiProperty({
    example: 'Is the need clear, local and backed by evidence (police data, surveys, partners)?',
    maxLength: 2000,
  })
  @IsString({ message: 'The guidance must be text' })
  @MaxLength(2000, { message: 'The guidance must be 2,000 characters or fewer' })
  guidance: string;

  @ApiProperty({ example: 5, minimum: 1, maximum: 100 })
  @IsInt({ message: 'The maximum score must be a whole number' })
  @Min(1, { message: 'The maximum score must be from 1 to 100' })
  @Max(100, { message: 'The maximum score must be from 1 to 100' })
  maxScore: number;

  @ApiProperty({ example: 25, minimum: 1, maximum: 100, description: 'Whole percent' })
  @IsInt({ message: 'The weight must be a whole percentage' })
  @Min(1, { message: 'The weight must be from 1 to 100' })
  @Max(100, { message: 'The weight must be from 1 to 100' })
  weight: number;
}

export class ReplaceRubricDto {
  @ApiProperty({
    type: [CriterionInputDto],
    description: `1 to ${MAX_CRITERIA} criteria, in order; the weights must add up to 100`,
  })
  @IsArray({ message: 'criteria must be a list' })
  @ArrayMaxSize(MAX_CRITERIA, { message: `A rubric has at most ${MAX_CRITERIA} criteria` })
  @ValidateNested({ each: true })
  @Type(() => CriterionInputDto)
  criteria: CriterionInputDto[];
}

export class CriterionResponseDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 1, description: 'From 1, in the order shown to assessors' })
  position: number;

  @ApiProperty({ example: 'Need and evidence' })
  title: string;

  @ApiProperty()
  guidance: string;

  @ApiProperty({ example: 5 })
  maxScore: number;

  @ApiProperty({ example: 25, description: 'Whole percent' })
  weight: number;
}

export class RubricResponseDto {
  @ApiProperty({ format: 'uuid' })
  roundId: string;

  @ApiProperty({ type: [CriterionResponseDto], description: 'Empty until the rubric is set' })
  criteria: CriterionResponseDto[];

  @ApiProperty({ description: 'Scoring has started: the criteria can no longer change' })
  frozen: boolean;

  @ApiProperty({ nullable: true, type: String, example: '2022-11-01T09:00:00.000Z' })
  frozenAt: string | null;

  @ApiProperty({
    example: 2000,
    description:
      'Assessors further apart than this (hundredths of a percentage point) flag the application for moderation',
  })
  moderationSpreadBp: number;
}
