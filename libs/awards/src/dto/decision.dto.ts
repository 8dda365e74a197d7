import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, MaxLength, Min } from 'class-validator';
import { MAX_DECISION_REASON } from '../decision-package.service';
import { MAX_RECORD_TEXT, MAX_RECORD_TITLE } from '../decision-record-writer';

/*
 * class-validator reports the decorator nearest the property first, and the API answers one
 * message per field: the type check sits there, so a missing or wrong-typed field says so.
 */

const REASON_LENGTH = (field: string) => ({
  message: `${field} must be ${MAX_DECISION_REASON} characters or fewer`,
});

export class ApproveInputDto {
  @ApiPropertyOptional({
    example: 1200000,
    minimum: 1,
    description: 'Whole pence, at most the amount requested; left out, the amount requested',
  })
  @IsOptional()
  @Min(1, { message: 'amountPence must be more than 0' })
  @IsInt({ message: 'amountPence must be a whole number of pence' })
  amountPence?: number;

  @ApiPropertyOptional({
    example: 'Pitch hire is already funded by the council',
    maxLength: MAX_DECISION_REASON,
    description: 'Needed when the amount differs from the amount requested',
  })
  @IsOptional()
  @MaxLength(MAX_DECISION_REASON, REASON_LENGTH('amountReason'))
  @IsString({ message: 'amountReason must be text' })
  amountReason?: string;
}

export class DeclineInputDto {
  @ApiProperty({
    example: 'Duplicates provision the Violence Reduction Network already funds',
    maxLength: MAX_DECISION_REASON,
  })
  @MaxLength(MAX_DECISION_REASON, REASON_LENGTH('reason'))
  @IsString({ message: 'reason must be text' })
  reason: string;
}

export class SignOffInputDto {
  @ApiProperty({
    example: 'Diversion from ASB and Crime: grant awards',
    maxLength: MAX_RECORD_TITLE,
  })
  @MaxLength(MAX_RECORD_TITLE, {
    message: `title must be ${MAX_RECORD_TITLE} characters or fewer`,
  })
  @IsString({ message: 'title must be text' })
  title: string;

  @ApiProperty({
    example: 'Eleven projects diverting young people from anti-social behaviour are funded.',
    maxLength: MAX_RECORD_TEXT,
  })
  @MaxLength(MAX_RECORD_TEXT, { message: `summary must be ${MAX_RECORD_TEXT} characters or fewer` })
  @IsString({ message: 'summary must be text' })
  summary: string;

  @ApiProperty({ example: 'None', maxLength: MAX_RECORD_TEXT })
  @MaxLength(MAX_RECORD_TEXT, {
    message: `declarations must be ${MAX_RECORD_TEXT} characters or fewer`,
  })
  @IsString({ message: 'declarations must be text' })
  declarations: string;
}

export class DecisionDto {
  @ApiProperty({ enum: ['approved', 'declined'] })
  outcome: 'approved' | 'declined';

  @ApiProperty({ example: 1500000, nullable: true, type: Number, description: 'Whole pence' })
  amountPence: number | null;

  @ApiProperty({ nullable: true, type: String, description: 'Why an amount was amended' })
  amountReason: string | null;

  @ApiProperty({ nullable: true, type: String, description: 'Why it was declined' })
  reason: string | null;

  @ApiProperty({ format: 'date-time' })
  decidedAt: string;
}

export class DecisionRowDto {
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

  @ApiProperty({ example: '72.50', description: 'As sent: two decimals, rounded down' })
  percentage: string;

  @ApiProperty({ description: 'Recommended by the grants officer: only these are decided' })
  recommended: boolean;

  @ApiProperty({ nullable: true, type: String, description: 'Why the officer moved it in or out' })
  overrideReason: string | null;

  @ApiProperty({ example: 1500000, description: 'Whole pence' })
  amountRequestedPence: number;

  @ApiProperty({ type: DecisionDto, nullable: true })
  decision: DecisionDto | null;

  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Sent to the applicant with a decline',
  })
  feedback: string | null;
}

export class RoundBudgetDto {
  @ApiProperty({ example: 20403033, description: 'All contributions, pence' })
  budgetPence: number;

  @ApiProperty({ example: 16500000, description: 'Approved and awarded, pence' })
  committedPence: number;

  @ApiProperty({ example: 3903033 })
  availablePence: number;
}

export class DecisionRecordBriefDto {
  @ApiProperty({ example: 'DR-2023-001' })
  number: string;

  @ApiProperty({ format: 'date-time' })
  signedOffAt: string;

  @ApiProperty({ example: 'Rupert Matthews' })
  signedOffByName: string;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  publishedAt: string | null;
}

export class DecisionPackageDto {
  @ApiProperty({ format: 'uuid' })
  roundId: string;

  @ApiProperty({
    enum: ['awaiting', 'open', 'signed-off'],
    description: 'awaiting: no recommendation sent yet; open: being decided; signed-off: final',
  })
  status: 'awaiting' | 'open' | 'signed-off';

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  submittedAt: string | null;

  @ApiProperty({ example: 7250, description: 'The threshold in force, hundredths of a percent' })
  thresholdBp: number;

  @ApiProperty({ example: 'Volume of applications', nullable: true, type: String })
  thresholdReason: string | null;

  @ApiProperty({ type: [DecisionRowDto], description: 'Every scored application as sent, by rank' })
  rows: DecisionRowDto[];

  @ApiProperty({ type: RoundBudgetDto })
  budget: RoundBudgetDto;

  @ApiProperty({ example: 10 })
  approvedCount: number;

  @ApiProperty({ example: 15000000, description: 'Total approved, pence' })
  approvedPence: number;

  @ApiProperty({ example: 1 })
  declinedCount: number;

  @ApiProperty({ example: 0, description: 'Recommended and not yet decided; sign-off waits' })
  undecidedCount: number;

  @ApiProperty({ type: DecisionRecordBriefDto, nullable: true })
  record: DecisionRecordBriefDto | null;
}
