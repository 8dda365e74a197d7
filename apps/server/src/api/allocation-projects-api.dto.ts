import { MAX_NOTE_LENGTH } from '@grants/allocations';
import { APPLICATION_STATUSES } from '@grants/applications';
import { AWARD_STATUSES, SignOffInputDto } from '@grants/awards';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
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
} from 'class-validator';

/*
 * Partners' projects within their allocations, and the release of what is unspent. Money is
 * whole pence; the rules between fields (up to what was asked for, within what is left) are the
 * service's, which names the same fields.
 */

// ---- requests ----

export class ApproveProjectDto {
  @ApiProperty({ example: 1_250_000, description: 'Up to what the project asked for, in pence' })
  @Max(Number.MAX_SAFE_INTEGER, { message: 'amountPence is too large' })
  @Min(1, { message: 'amountPence must be more than 0' })
  @IsInt({ message: 'amountPence must be a whole number of pence' })
  amountPence: number;

  @ApiPropertyOptional({ description: 'For the audit trail', maxLength: MAX_NOTE_LENGTH })
  @IsOptional()
  @MaxLength(MAX_NOTE_LENGTH, { message: `note must be ${MAX_NOTE_LENGTH} characters or fewer` })
  @IsString({ message: 'note must be text' })
  note?: string;
}

export class DeclineProjectDto {
  @ApiProperty({ description: 'Why, as the partner will read it', maxLength: MAX_NOTE_LENGTH })
  @MaxLength(MAX_NOTE_LENGTH, { message: `reason must be ${MAX_NOTE_LENGTH} characters or fewer` })
  @IsString({ message: 'reason must be text' })
  reason: string;
}

export class ReleaseInputDto extends SignOffInputDto {
  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    description: 'The partners whose unspent allocation goes back; left out: all with some',
  })
  @IsOptional()
  @IsUUID('all', { each: true, message: 'each of organisationIds must be an organisation id' })
  @ArrayMaxSize(100, { message: 'organisationIds lists more than any plan has partners' })
  @IsArray({ message: 'organisationIds must be a list of organisation ids' })
  organisationIds?: string[];
}

// ---- answers ----

export class PartnerLedgerDto {
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty({ example: 'Hull City Council' }) name: string;
  @ApiProperty({ description: 'As published' }) allocationPence: number;
  @ApiProperty({ description: 'Sent in and not withdrawn, declined or ineligible' })
  requestedPence: number;
  @ApiProperty({ description: 'Of those, waiting for a decision' }) pendingPence: number;
  @ApiProperty({ description: 'Committed to approved projects' }) approvedPence: number;
  @ApiProperty() paidPence: number;
  @ApiProperty({ description: 'Given back to the pot' }) releasedPence: number;
  @ApiProperty({ description: 'allocation − approved − released' }) unspentPence: number;
}

export class AllocationProjectDto {
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty({ example: 'CRF-2324-CSP-0001' }) reference: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: APPLICATION_STATUSES }) status: string;
  @ApiProperty() requestedPence: number;
  @ApiProperty({ nullable: true, type: Number }) approvedPence: number | null;
  @ApiProperty({ nullable: true, type: String }) awardId: string | null;
  @ApiProperty({ nullable: true, enum: AWARD_STATUSES }) awardStatus: string | null;
}

export class PartnerPositionDto extends PartnerLedgerDto {
  @ApiProperty({ type: [AllocationProjectDto] }) projects: AllocationProjectDto[];
}

export class ReleaseLineDto {
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty() name: string;
  @ApiProperty() amountPence: number;
}

export class ReleaseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty() summary: string;
  @ApiProperty() declarations: string;
  @ApiProperty() totalPence: number;
  @ApiProperty() decidedAt: Date;
  @ApiProperty() decidedByName: string;
  @ApiProperty({ type: [ReleaseLineDto] }) lines: ReleaseLineDto[];
}

export class AllocationTotalsDto {
  @ApiProperty() allocationPence: number;
  @ApiProperty() requestedPence: number;
  @ApiProperty() pendingPence: number;
  @ApiProperty() approvedPence: number;
  @ApiProperty() paidPence: number;
  @ApiProperty() releasedPence: number;
  @ApiProperty() unspentPence: number;
}

export class AllocationProjectsDto {
  @ApiProperty({ format: 'uuid' }) planId: string;
  @ApiProperty({ format: 'uuid' }) roundId: string;
  @ApiProperty({ nullable: true, type: String, example: 'DR-2023-007' })
  decisionRecordNumber: string | null;
  @ApiProperty() potPence: number;
  @ApiProperty({ type: AllocationTotalsDto }) totals: AllocationTotalsDto;
  @ApiProperty({ type: [PartnerPositionDto] }) partners: PartnerPositionDto[];
  @ApiProperty({ type: [ReleaseDto] }) releases: ReleaseDto[];
}

export class PartnerAllocationDto extends PartnerLedgerDto {
  @ApiProperty({ format: 'uuid' }) planId: string;
  @ApiProperty({ format: 'uuid' }) roundId: string;
  @ApiProperty() roundTitle: string;
  @ApiProperty({ description: 'What a new project may still ask for' })
  availableToRequestPence: number;
}

export class PartnerAllocationsDto {
  @ApiProperty({ type: [PartnerAllocationDto] }) allocations: PartnerAllocationDto[];
}
