import { AnswerRowDto, ApplicationAnswersDto } from '@grants/applications';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { MAX_CRITERIA } from '../rubric-rules';
import { MAX_SCORE_COMMENT } from '../scoring.service';
import { AssignmentApplicationDto, AssignmentResponseDto } from './assignment.dto';
import { CriterionResponseDto } from './rubric.dto';

export class ScoreInputDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'Score only the criteria of this round' })
  criterionId: string;

  @ApiProperty({ example: 4, minimum: 0, description: "0 to the criterion's maximum" })
  @IsInt({ message: 'The score must be a whole number' })
  @Min(0, { message: 'The score must be 0 or more' })
  @Max(100, { message: "The score must be no more than the criterion's maximum" })
  score: number;

  @ApiPropertyOptional({
    example: 'Clear evidence from the local neighbourhood policing team.',
    maxLength: MAX_SCORE_COMMENT,
    description: 'Needed for every criterion before submitting',
  })
  @IsOptional()
  @IsString({ message: 'The comment must be text' })
  @MaxLength(MAX_SCORE_COMMENT, {
    message: `The comment must be ${MAX_SCORE_COMMENT} characters or fewer`,
  })
  comment?: string;
}

export class SaveScoresDto {
  @ApiProperty({
    type: [ScoreInputDto],
    description: 'Some or all criteria; the others keep what was saved before',
  })
  @IsArray({ message: 'scores must be a list' })
  @ArrayMaxSize(MAX_CRITERIA, { message: 'Score each criterion once' })
  @ValidateNested({ each: true })
  @Type(() => ScoreInputDto)
  scores: ScoreInputDto[];
}

export class ScoreResponseDto {
  @ApiProperty({ format: 'uuid' })
  criterionId: string;

  @ApiProperty({ example: 4 })
  score: number;

  @ApiProperty()
  comment: string;

  @ApiProperty({ example: '2022-11-01T09:00:00.000Z' })
  updatedAt: string;
}

export class ScoresDto {
  @ApiProperty({ type: [ScoreResponseDto] })
  scores: ScoreResponseDto[];
}

/** What an assessor reads to score: the answers, not the grants team's working. */
export class AssessedApplicationDto extends AssignmentApplicationDto {
  @ApiProperty({ example: 1500000, nullable: true, type: Number, description: 'Whole pence' })
  amountRequestedPence: number | null;

  @ApiProperty({ type: ApplicationAnswersDto })
  answers: ApplicationAnswersDto;

  @ApiProperty({ type: [AnswerRowDto], description: 'The answers as questions and text' })
  answerRows: AnswerRowDto[];
}

export class ScoringViewDto {
  @ApiProperty({ type: AssignmentResponseDto })
  assignment: AssignmentResponseDto;

  @ApiProperty({ type: AssessedApplicationDto })
  application: AssessedApplicationDto;

  @ApiProperty({ type: [CriterionResponseDto] })
  criteria: CriterionResponseDto[];

  @ApiProperty({ type: [ScoreResponseDto], description: 'My scores so far' })
  scores: ScoreResponseDto[];
}
