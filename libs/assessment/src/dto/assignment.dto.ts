import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { MAX_CONFLICT_NOTE } from '../assignments.service';
import type { AssignmentStatus } from '../entities/assessor-assignment.entity';

export const ASSIGNMENT_STATUSES: AssignmentStatus[] = [
  'awaiting-declaration',
  'accepted',
  'submitted',
  'conflict',
];

/** A panel is never this large; the cap keeps one request's work bounded. */
const MAX_ASSESSORS = 50;
const MAX_REASON = 2000;

export class AssignAssessorsDto {
  @ApiProperty({
    type: [String],
    format: 'uuid',
    description: 'Staff users with the assessor role',
  })
  @IsArray({ message: 'assessorIds must be a list' })
  @ArrayMinSize(1, { message: 'Choose at least one assessor' })
  @ArrayMaxSize(MAX_ASSESSORS, { message: `Choose at most ${MAX_ASSESSORS} assessors` })
  @IsUUID('all', { each: true, message: 'Choose assessors from the list' })
  assessorIds: string[];
}

export class SpreadAssignmentsDto extends AssignAssessorsDto {
  @ApiProperty({ example: 2, minimum: 1, maximum: MAX_ASSESSORS })
  @IsInt({ message: 'perApplication must be a whole number' })
  @Min(1, { message: 'Choose at least one assessor for each application' })
  @Max(MAX_ASSESSORS, { message: `Choose at most ${MAX_ASSESSORS} assessors per application` })
  perApplication: number;
}

export class SpreadResultDto {
  @ApiProperty({ example: 68, description: 'Assignments made (existing ones are kept)' })
  made: number;
}

export class ReopenScoresDto {
  @ApiProperty({ example: 'Scored against the wrong criteria', maxLength: MAX_REASON })
  @IsString({ message: 'Enter why the scores are being reopened' })
  @MaxLength(MAX_REASON, { message: `The reason must be ${MAX_REASON} characters or fewer` })
  reason: string;
}

export class DeclarationDto {
  @ApiProperty({ description: 'true: I have a conflict of interest (the assignment is removed)' })
  @IsBoolean({ message: 'conflict must be true or false' })
  conflict: boolean;

  @ApiPropertyOptional({
    example: 'I chair its trustees',
    maxLength: MAX_CONFLICT_NOTE,
    description: 'Needed with a conflict: what it is (recorded)',
  })
  @IsOptional()
  @IsString({ message: 'The note must be text' })
  @MaxLength(MAX_CONFLICT_NOTE, {
    message: `The note must be ${MAX_CONFLICT_NOTE} characters or fewer`,
  })
  note?: string;
}

export class AssignmentApplicationDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'CSF-2022-DIV-0007', nullable: true, type: String })
  reference: string | null;

  @ApiProperty({ example: 'Friday night football in Braunstone' })
  projectTitle: string;

  @ApiProperty({ example: 'Braunstone Youth Trust' })
  organisationName: string;

  @ApiProperty({ format: 'uuid' })
  roundId: string;

  @ApiProperty({ example: 'Diversion from ASB and Crime' })
  roundTitle: string;
}

export class AssignmentAssessorDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'Sam Patel' })
  displayName: string;

  @ApiProperty({ example: 'assessor@opcc.localhost' })
  email: string;
}

/** One assignment as its assessor sees it. */
export class AssignmentResponseDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: ASSIGNMENT_STATUSES })
  status: AssignmentStatus;

  @ApiProperty({ format: 'uuid' })
  applicationId: string;

  @ApiPropertyOptional({ type: AssignmentApplicationDto })
  application?: AssignmentApplicationDto;

  @ApiProperty({ example: '2022-11-01T09:00:00.000Z' })
  assignedAt: string;

  @ApiProperty({ nullable: true, type: String })
  declaredAt: string | null;

  @ApiProperty({ nullable: true, type: String })
  submittedAt: string | null;
}

/** One assignment as officers see it: who, and what they declared. */
export class StaffAssignmentDto extends AssignmentResponseDto {
  @ApiProperty({ type: AssignmentAssessorDto })
  assessor: AssignmentAssessorDto;

  @ApiProperty({ nullable: true, type: String, description: 'The conflict declared, if any' })
  conflictNote: string | null;
}

export class AssignmentListDto {
  @ApiProperty({ type: [AssignmentResponseDto] })
  assignments: AssignmentResponseDto[];
}

export class StaffAssignmentListDto {
  @ApiProperty({ type: [StaffAssignmentDto] })
  assignments: StaffAssignmentDto[];
}
