import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
} from 'class-validator';
import { APPLICATION_STATUSES, ApplicationStatus } from '../application-status';
import {
  APPRAISAL_OUTCOMES,
  AppraisalOutcome,
  MAX_REASON_LENGTH,
} from '../appraisal/appraisal.service';

/** The officer's checklist and, when decided, the outcome (emailed to the applicant). */
export class AppraisalDto {
  @ApiProperty({
    type: [String],
    example: ['Governing document seen', "Bank account in the organisation's name"],
    description:
      "The round's checklist items confirmed, by their text; eligible needs every one of them",
  })
  @IsArray({ message: 'confirmed must be a list of checklist items' })
  @ArrayMaxSize(50, { message: 'confirmed has more items than any checklist' })
  @IsString({ each: true, message: 'Each checklist item must be text' })
  @MaxLength(200, { each: true, message: "Not on this round's checklist" })
  confirmed: string[];

  @ApiPropertyOptional({
    enum: APPRAISAL_OUTCOMES,
    description: 'Leave out to save the checklist only',
  })
  @IsOptional()
  @IsIn(APPRAISAL_OUTCOMES, {
    message: `outcome must be one of ${APPRAISAL_OUTCOMES.join(', ')}`,
  })
  outcome?: AppraisalOutcome;

  @ApiPropertyOptional({
    example: 'The project would start before the round closes.',
    maxLength: MAX_REASON_LENGTH,
    description:
      'Needed for ineligible (the reason) and more-information (the question); the applicant is emailed it',
  })
  @IsOptional()
  @IsString({ message: 'The reason must be text' })
  @MaxLength(MAX_REASON_LENGTH, {
    message: `The reason must be ${MAX_REASON_LENGTH} characters or fewer`,
  })
  reason?: string;

  @ApiPropertyOptional({
    example: 'Constituted as a community group since 2019: the type on the profile is out of date.',
    maxLength: MAX_REASON_LENGTH,
    description:
      'Needed to mark eligible when an automatic check failed; kept in the audit log, never sent to the applicant',
  })
  @IsOptional()
  @IsString({ message: 'The override reason must be text' })
  @MaxLength(MAX_REASON_LENGTH, {
    message: `The override reason must be ${MAX_REASON_LENGTH} characters or fewer`,
  })
  overrideReason?: string;
}

export class ReopenApplicationDto {
  @ApiProperty({
    example: 'The budget lines are missing the cost of the pitch hire.',
    maxLength: MAX_REASON_LENGTH,
    description: 'What the applicant needs to correct; they are emailed it',
  })
  @IsString({ message: 'Enter what the applicant needs to correct' })
  @MaxLength(MAX_REASON_LENGTH, {
    message: `The reason must be ${MAX_REASON_LENGTH} characters or fewer`,
  })
  reason: string;
}

/** Filters of the appraisal queue; without a status, everything but drafts. */
/** Staff see applications once sent in: every status but a draft. */
const SENT_STATUSES = APPLICATION_STATUSES.filter((s) => s !== 'draft');

export class ApplicationQueueQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'roundId must be the id of a round' })
  roundId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: "areaId must be the id of one of a round's areas" })
  areaId?: string;

  @ApiPropertyOptional({ enum: SENT_STATUSES })
  @IsOptional()
  @IsIn(SENT_STATUSES, {
    message: `status must be one of ${SENT_STATUSES.join(', ')}`,
  })
  status?: ApplicationStatus;
}
