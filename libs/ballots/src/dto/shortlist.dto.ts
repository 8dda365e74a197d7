import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsString, MaxLength, ValidateNested } from 'class-validator';
import { MAX_PUBLIC_SUMMARY, MAX_PUBLIC_TITLE } from '../shortlist.service';
import { StaffBallotDto } from './ballot.dto';
import { PublicProjectDto } from './voter.dto';

/* Lengths, eligibility, area and the amount cap are the domain's checks (entries.N.field). */

export class ShortlistEntryInputDto {
  @ApiProperty({ format: 'uuid' })
  @MaxLength(100, { message: 'Choose an application of this round' })
  @IsString({ message: 'Choose an application of this round' })
  applicationId: string;

  @ApiProperty({ maxLength: MAX_PUBLIC_TITLE, example: 'Lights for Winterton park' })
  @MaxLength(MAX_PUBLIC_TITLE, {
    message: `The public title must be ${MAX_PUBLIC_TITLE} characters or fewer`,
  })
  @IsString({ message: 'Enter the public title' })
  publicTitle: string;

  @ApiProperty({ maxLength: MAX_PUBLIC_SUMMARY })
  @MaxLength(MAX_PUBLIC_SUMMARY, {
    message: `The public summary must be ${MAX_PUBLIC_SUMMARY} characters or fewer`,
  })
  @IsString({ message: 'Enter the public summary' })
  publicSummary: string;

  @ApiProperty({
    example: 950000,
    description: 'Whole pence, at most what was asked for and the area’s cap',
  })
  @IsInt({ message: 'amountPence must be a whole number of pence' })
  amountPence: number;
}

export class SetShortlistDto {
  @ApiProperty({ type: [ShortlistEntryInputDto], description: 'In the order staff list them' })
  @ArrayMaxSize(20, { message: 'A shortlist has at most 20 projects' })
  @ValidateNested({ each: true })
  @Type(() => ShortlistEntryInputDto)
  @IsArray({ message: 'entries must be a list' })
  entries: ShortlistEntryInputDto[];
}

export class ShortlistCandidateDto {
  @ApiProperty({ format: 'uuid' })
  applicationId: string;

  @ApiProperty({ example: 'CRF-PILOT-0001' })
  reference: string;

  @ApiProperty()
  organisationName: string;

  @ApiProperty()
  projectTitle: string;

  @ApiProperty({ example: 950000, nullable: true, type: Number })
  amountRequestedPence: number | null;

  @ApiProperty({ example: 'eligible' })
  status: string;
}

export class AreaShortlistDto {
  @ApiProperty({ format: 'uuid' })
  areaId: string;

  @ApiProperty({ example: 'Winterton' })
  areaName: string;

  @ApiProperty({ example: 3, description: 'Up to this many projects' })
  size: number;

  @ApiProperty({ type: [PublicProjectDto], description: 'In the order staff set' })
  entries: PublicProjectDto[];

  @ApiProperty({
    type: [ShortlistCandidateDto],
    description: 'Eligible applications to choose from',
  })
  candidates: ShortlistCandidateDto[];

  @ApiProperty({ type: StaffBallotDto, nullable: true })
  ballot: StaffBallotDto | null;
}

export class RoundShortlistsDto {
  @ApiProperty({ format: 'uuid' })
  roundId: string;

  @ApiProperty()
  roundTitle: string;

  @ApiProperty({ type: [AreaShortlistDto] })
  areas: AreaShortlistDto[];
}
