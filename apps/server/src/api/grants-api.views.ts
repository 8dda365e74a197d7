import { Award, AWARD_STATUSES, AwardStatus } from '@grants/awards';
import {
  AwardVariation,
  CLOSURE_OUTCOMES,
  GrantDetail,
  GrantPayment,
  GrantSummary,
  MAX_CLOSURE_NOTE,
  MAX_PAYMENT_REFERENCE,
  MAX_RETURN_TEXT,
  MAX_VARIATION_TEXT,
  MonitoringReturn,
  PAYMENT_STATUSES,
  RAG_STATUSES,
  RETURN_STATUSES,
  returnTitle,
  RoundLedger,
  VARIATION_STATUSES,
} from '@grants/monitoring';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
} from 'class-validator';

/*
 * The grant-management API's request and answer shapes. Money is whole pence, calendar dates
 * YYYY-MM-DD (UK days), instants ISO strings in UTC.
 *
 * As in the other DTOs, the type check is the decorator nearest the property, so a missing or
 * wrong-typed field is reported as such first. Domain rules (dates in the past, amounts against
 * what is due) stay in the services, which name the same fields.
 */

/** Larger amounts are not money this office handles; above it a JSON number loses pence. */
const MAX_PENCE = Number.MAX_SAFE_INTEGER;
const iso = (date: Date | null) => (date ? date.toISOString() : null);

// ---- requests ----

export class PortfolioQueryDto {
  @ApiPropertyOptional({
    enum: [...RAG_STATUSES, 'none'],
    description: 'Only grants whose latest RAG status is this (none: no return sent yet)',
  })
  @IsOptional()
  @IsIn([...RAG_STATUSES, 'none'], { message: 'rag must be green, amber, red or none' })
  rag?: (typeof RAG_STATUSES)[number] | 'none';

  @ApiPropertyOptional({ format: 'uuid', description: 'Only grants in this round' })
  @IsOptional()
  @IsUUID('all', { message: 'roundId must be the id of a round' })
  roundId?: string;
}

export class MarkPaidInputDto {
  @ApiProperty({ example: '2023-03-27', description: 'The UK date paid: today or earlier' })
  @MaxLength(10, { message: 'paidOn must be a date like 2023-03-27' })
  @IsString({ message: 'paidOn must be a date like 2023-03-27' })
  paidOn: string;

  @ApiProperty({
    example: 750000,
    minimum: 1,
    description: 'Whole pence, at most the instalment; less leaves the balance due',
  })
  @Max(MAX_PENCE, { message: 'amountPence is too large' })
  @Min(1, { message: 'amountPence must be more than 0' })
  @IsInt({ message: 'amountPence must be a whole number of pence' })
  amountPence: number;

  @ApiProperty({ example: 'BACS 2023-0327', maxLength: MAX_PAYMENT_REFERENCE })
  @MaxLength(MAX_PAYMENT_REFERENCE, {
    message: `reference must be ${MAX_PAYMENT_REFERENCE} characters or fewer`,
  })
  @IsString({ message: 'reference must be text' })
  reference: string;
}

export class ReviewReturnInputDto {
  @ApiProperty({ enum: RAG_STATUSES, description: 'The officer’s RAG status for the project' })
  @IsIn(RAG_STATUSES, { message: 'rag must be green, amber or red' })
  @IsString({ message: 'rag must be green, amber or red' })
  rag: string;

  @ApiProperty({ enum: ['accept', 'more-information'] })
  @IsIn(['accept', 'more-information'], { message: 'outcome must be accept or more-information' })
  @IsString({ message: 'outcome must be accept or more-information' })
  outcome: 'accept' | 'more-information';

  @ApiPropertyOptional({
    maxLength: MAX_RETURN_TEXT,
    description: 'For the grantee (sent with an acceptance)',
  })
  @IsOptional()
  @MaxLength(MAX_RETURN_TEXT, { message: `comment must be ${MAX_RETURN_TEXT} characters or fewer` })
  @IsString({ message: 'comment must be text' })
  comment?: string;

  @ApiPropertyOptional({
    maxLength: MAX_RETURN_TEXT,
    description: 'Needed with more-information: what the grantee must answer',
  })
  @IsOptional()
  @MaxLength(MAX_RETURN_TEXT, {
    message: `question must be ${MAX_RETURN_TEXT} characters or fewer`,
  })
  @IsString({ message: 'question must be text' })
  question?: string;
}

export class VariationDecisionInputDto {
  @ApiProperty({ description: 'true approves (changing the award), false declines' })
  @IsBoolean({ message: 'approve must be true or false' })
  approve: boolean;

  @ApiPropertyOptional({ maxLength: MAX_VARIATION_TEXT, description: 'Needed to decline' })
  @IsOptional()
  @MaxLength(MAX_VARIATION_TEXT, {
    message: `reason must be ${MAX_VARIATION_TEXT} characters or fewer`,
  })
  @IsString({ message: 'reason must be text' })
  reason?: string;
}

export class CloseGrantInputDto {
  @ApiProperty({ enum: CLOSURE_OUTCOMES })
  @IsIn(CLOSURE_OUTCOMES, { message: 'outcome must be completed or ended-early' })
  @IsString({ message: 'outcome must be completed or ended-early' })
  outcome: (typeof CLOSURE_OUTCOMES)[number];

  @ApiProperty({
    example: 0,
    minimum: 0,
    description: 'Unspent money the organisation paid back, whole pence (at most what was paid)',
  })
  @Max(MAX_PENCE, { message: 'returnedPence is too large' })
  @Min(0, { message: 'returnedPence must be 0 or more' })
  @IsInt({ message: 'returnedPence must be a whole number of pence' })
  returnedPence: number;

  @ApiPropertyOptional({ maxLength: MAX_CLOSURE_NOTE, description: 'Needed for ended-early' })
  @IsOptional()
  @MaxLength(MAX_CLOSURE_NOTE, { message: `note must be ${MAX_CLOSURE_NOTE} characters or fewer` })
  @IsString({ message: 'note must be text' })
  note?: string;
}

// ---- answers ----

export class PortfolioGrantDto {
  @ApiProperty({ format: 'uuid' }) awardId: string;
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty({ example: 'CSF-2022-CYP-0001' }) reference: string;
  @ApiProperty() projectTitle: string;
  @ApiProperty() organisationName: string;
  @ApiProperty({ format: 'uuid' }) roundId: string;
  @ApiProperty() roundTitle: string;
  @ApiProperty({ enum: AWARD_STATUSES }) status: AwardStatus;
  @ApiProperty({ example: 1500000 }) amountPence: number;
  @ApiProperty({ example: 750000 }) paidPence: number;
  @ApiProperty({
    enum: RAG_STATUSES,
    nullable: true,
    description: 'The latest sent return’s: the officer’s, or the grantee’s until reviewed',
  })
  rag: string | null;
  @ApiProperty({ enum: ['officer', 'grantee'], nullable: true }) ragSource: string | null;
  @ApiProperty({ example: '2023-08-14', nullable: true, type: String })
  nextReturnDueOn: string | null;
  @ApiProperty() overdueReturns: number;
  @ApiProperty() returnsToReview: number;
  @ApiProperty() variationRequested: boolean;
  @ApiProperty({ example: '2023-04-07', nullable: true, type: String })
  offerExpiresOn: string | null;
}

export class StaffAwardDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty({ format: 'uuid' }) roundId: string;
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty() amountPence: number;
  @ApiProperty({ enum: AWARD_STATUSES }) status: AwardStatus;
  @ApiProperty({ format: 'date-time' }) offeredAt: string;
  @ApiProperty({ nullable: true, type: String }) offerExpiresOn: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) answeredAt: string | null;
  @ApiProperty({ nullable: true, type: String }) answeredByName: string | null;
  @ApiProperty({ nullable: true, type: String }) answeredByRole: string | null;
  @ApiProperty({ nullable: true, type: String }) declineReason: string | null;
  @ApiProperty({ nullable: true, type: String }) plannedStartOn: string | null;
  @ApiProperty({ nullable: true, type: String }) plannedEndOn: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) closedAt: string | null;
  @ApiProperty({ enum: CLOSURE_OUTCOMES, nullable: true }) closedOutcome: string | null;
  @ApiProperty({ nullable: true, type: String }) closureNote: string | null;
  @ApiProperty() returnedPence: number;
}

export class StaffPaymentDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) awardId: string;
  @ApiProperty() sequence: number;
  @ApiProperty({ example: '50% on acceptance' }) label: string;
  @ApiProperty() amountPence: number;
  @ApiProperty({ enum: PAYMENT_STATUSES }) status: string;
  @ApiProperty({ nullable: true, type: Number, description: 'The return it waits on' })
  afterReturnSequence: number | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) dueSince: string | null;
  @ApiProperty({ nullable: true, type: String }) paidOn: string | null;
  @ApiProperty({ nullable: true, type: String }) reference: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) recordedAt: string | null;
}

export class DuePaymentDto extends StaffPaymentDto {
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty() applicationReference: string;
  @ApiProperty() organisationName: string;
  @ApiProperty() projectTitle: string;
}

export class StaffReturnDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) awardId: string;
  @ApiProperty() sequence: number;
  @ApiProperty({ example: 'Monitoring return 1' }) title: string;
  @ApiProperty({ enum: ['quarterly', 'final'] }) kind: string;
  @ApiProperty({ enum: RETURN_STATUSES }) status: string;
  @ApiProperty() periodStartOn: string;
  @ApiProperty() periodEndOn: string;
  @ApiProperty() dueOn: string;
  @ApiProperty({ nullable: true, type: String }) progress: string | null;
  @ApiProperty({ nullable: true, type: Number }) spendToDatePence: number | null;
  @ApiProperty({ nullable: true, type: Number }) peopleReached: number | null;
  @ApiProperty({ nullable: true, type: String }) outcomes: string | null;
  @ApiProperty({ enum: RAG_STATUSES, nullable: true }) granteeRag: string | null;
  @ApiProperty({ nullable: true, type: String }) granteeRagReason: string | null;
  @ApiProperty({ nullable: true, type: String }) changesNeeded: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) submittedAt: string | null;
  @ApiProperty({ enum: RAG_STATUSES, nullable: true }) officerRag: string | null;
  @ApiProperty({ nullable: true, type: String }) officerComment: string | null;
  @ApiProperty({ nullable: true, type: String }) question: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) reviewedAt: string | null;
}

export class StaffVariationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) awardId: string;
  @ApiProperty({ enum: VARIATION_STATUSES }) status: string;
  @ApiProperty() previousAmountPence: number;
  @ApiProperty({ nullable: true, type: String }) previousEndOn: string | null;
  @ApiProperty({ nullable: true, type: Number }) newAmountPence: number | null;
  @ApiProperty({ nullable: true, type: String }) newEndOn: string | null;
  @ApiProperty({ nullable: true, type: String }) budgetChanges: string | null;
  @ApiProperty() reason: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) decidedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) decisionReason: string | null;
}

export class StaffGrantDetailDto {
  @ApiProperty({ type: PortfolioGrantDto }) summary: PortfolioGrantDto;
  @ApiProperty({ type: StaffAwardDto }) award: StaffAwardDto;
  @ApiProperty({ type: [StaffPaymentDto] }) payments: StaffPaymentDto[];
  @ApiProperty({ type: [StaffReturnDto] }) returns: StaffReturnDto[];
  @ApiProperty({ type: [StaffVariationDto] }) variations: StaffVariationDto[];
  @ApiProperty({ description: 'Still to pay: the offer, or unpaid instalments' })
  duePence: number;
}

export class RoundLedgerDto {
  @ApiProperty({ format: 'uuid' }) roundId: string;
  @ApiProperty() budgetPence: number;
  @ApiProperty() committedPence: number;
  @ApiProperty() uncommittedPence: number;
  @ApiProperty({ description: 'Paid out, net of money returned' }) paidPence: number;
  @ApiProperty() returnedPence: number;
  @ApiProperty({ description: 'Offered, scheduled or due, not yet paid' }) duePence: number;
  @ApiProperty({
    description: 'budget = committed + uncommitted, and committed = paid + due',
  })
  reconciles: boolean;
}

export class QueuedReturnDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) awardId: string;
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty() reference: string;
  @ApiProperty() organisationName: string;
  @ApiProperty() sequence: number;
  @ApiProperty() title: string;
  @ApiProperty({ enum: ['quarterly', 'final'] }) kind: string;
  @ApiProperty({ enum: ['submitted', 'due'] }) status: string;
  @ApiProperty() dueOn: string;
  @ApiProperty({ enum: RAG_STATUSES, nullable: true }) granteeRag: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) submittedAt: string | null;
}

export class ReturnsQueueDto {
  @ApiProperty({ type: [QueuedReturnDto], description: 'Sent, waiting for an officer' })
  toReview: QueuedReturnDto[];
  @ApiProperty({ type: [QueuedReturnDto], description: 'Past their due day, not sent' })
  overdue: QueuedReturnDto[];
}

// ---- mapping ----

export function summaryView(s: GrantSummary): PortfolioGrantDto {
  return { ...s };
}

export function awardView(a: Award): StaffAwardDto {
  return {
    id: a.id,
    applicationId: a.applicationId,
    roundId: a.roundId,
    organisationId: a.organisationId,
    amountPence: a.amountPence,
    status: a.status,
    offeredAt: a.offeredAt.toISOString(),
    offerExpiresOn: a.offerExpiresOn,
    answeredAt: iso(a.answeredAt),
    answeredByName: a.answeredByName,
    answeredByRole: a.answeredByRole,
    declineReason: a.declineReason,
    plannedStartOn: a.plannedStartOn,
    plannedEndOn: a.plannedEndOn,
    closedAt: iso(a.closedAt),
    closedOutcome: a.closedOutcome,
    closureNote: a.closureNote,
    returnedPence: a.returnedPence,
  };
}

export function paymentView(p: GrantPayment): StaffPaymentDto {
  return {
    id: p.id,
    awardId: p.awardId,
    sequence: p.sequence,
    label: p.label,
    amountPence: p.amountPence,
    status: p.status,
    afterReturnSequence: p.afterReturnSequence,
    dueSince: iso(p.dueSince),
    paidOn: p.paidOn,
    reference: p.reference,
    recordedAt: iso(p.recordedAt),
  };
}

export function returnView(r: MonitoringReturn): StaffReturnDto {
  return {
    id: r.id,
    awardId: r.awardId,
    sequence: r.sequence,
    title: returnTitle(r),
    kind: r.kind,
    status: r.status,
    periodStartOn: r.periodStartOn,
    periodEndOn: r.periodEndOn,
    dueOn: r.dueOn,
    progress: r.progress,
    spendToDatePence: r.spendToDatePence,
    peopleReached: r.peopleReached,
    outcomes: r.outcomes,
    granteeRag: r.granteeRag,
    granteeRagReason: r.granteeRagReason,
    changesNeeded: r.changesNeeded,
    submittedAt: iso(r.submittedAt),
    officerRag: r.officerRag,
    officerComment: r.officerComment,
    question: r.question,
    reviewedAt: iso(r.reviewedAt),
  };
}

export function variationView(v: AwardVariation): StaffVariationDto {
  return {
    id: v.id,
    awardId: v.awardId,
    status: v.status,
    previousAmountPence: v.previousAmountPence,
    previousEndOn: v.previousEndOn,
    newAmountPence: v.newAmountPence,
    newEndOn: v.newEndOn,
    budgetChanges: v.budgetChanges,
    reason: v.reason,
    createdAt: v.createdAt.toISOString(),
    decidedAt: iso(v.decidedAt),
    decisionReason: v.decisionReason,
  };
}

export function detailView(d: GrantDetail): StaffGrantDetailDto {
  return {
    summary: summaryView(d.summary),
    award: awardView(d.award),
    payments: d.payments.map(paymentView),
    returns: d.returns.map(returnView),
    variations: d.variations.map(variationView),
    duePence: d.duePence,
  };
}

export function ledgerView(roundId: string, l: RoundLedger): RoundLedgerDto {
  return { roundId, ...l };
}

/** A row of the returns queue (the service's raw row: dates as text, times as Date). */
export function queuedReturnView(
  r: Pick<
    MonitoringReturn,
    'id' | 'awardId' | 'sequence' | 'kind' | 'status' | 'dueOn' | 'granteeRag' | 'submittedAt'
  > & { reference: string; organisationName: string; applicationId: string },
): QueuedReturnDto {
  return {
    id: r.id,
    awardId: r.awardId,
    applicationId: r.applicationId,
    reference: r.reference,
    organisationName: r.organisationName,
    sequence: r.sequence,
    title: returnTitle(r),
    kind: r.kind,
    status: r.status,
    dueOn: r.dueOn,
    granteeRag: r.granteeRag,
    submittedAt: r.submittedAt ? new Date(r.submittedAt).toISOString() : null,
  };
}
