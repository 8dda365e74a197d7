import { AWARD_STATUSES, AwardStatus } from '@grants/awards';
import { ApplicantOnly, Clock, ukToday } from '@grants/core';
import { ApplicantContext, CurrentApplicant } from '@grants/identity';
import {
  AwardVariation,
  AwardVariationsService,
  GrantDetail,
  GrantSummary,
  GrantViewsService,
  MAX_RETURN_TEXT,
  MAX_VARIATION_TEXT,
  MonitoringReturn,
  MonitoringReturnsService,
  RAG_STATUSES,
  returnTitle,
} from '@grants/monitoring';
import { Body, Controller, Get, Header, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Matches, MaxLength, Min } from 'class-validator';

/*
 * The grantee's grants as JSON: money in whole pence, UK calendar dates as YYYY-MM-DD, times as
 * ISO strings. The services decide whose grant it is (404 otherwise) and check every answer;
 * the DTOs only check types, so a bad value gets the same message as on the pages.
 */

const NOT_FOUND = {
  description:
    'application_not_found (no such application, or not one of your organisations’: the same answer, so ids cannot be probed), or not_found (no grant on it, or no such return)',
};

const text = (field: string, max: number) => ({
  length: { message: `${field} must be ${max} characters or fewer` },
  type: { message: `${field} must be text` },
});

export class ReturnAnswersDto {
  @ApiProperty({
    example: 'Twelve Saturday sessions ran at the boxing club.',
    maxLength: MAX_RETURN_TEXT,
  })
  @MaxLength(MAX_RETURN_TEXT, text('progress', MAX_RETURN_TEXT).length)
  @IsString(text('progress', MAX_RETURN_TEXT).type)
  progress: string;

  @ApiProperty({ example: 400000, minimum: 0, description: 'Grant spent so far, whole pence' })
  @Min(0, { message: 'spendToDatePence must be 0 or more' })
  @IsInt({ message: 'spendToDatePence must be a whole number of pence' })
  spendToDatePence: number;

  @ApiProperty({ example: 38, minimum: 0 })
  @Min(0, { message: 'peopleReached must be 0 or more' })
  @IsInt({ message: 'peopleReached must be a whole number' })
  peopleReached: number;

  @ApiProperty({
    example: 'Two young people now volunteer as coaches.',
    maxLength: MAX_RETURN_TEXT,
  })
  @MaxLength(MAX_RETURN_TEXT, text('outcomes', MAX_RETURN_TEXT).length)
  @IsString(text('outcomes', MAX_RETURN_TEXT).type)
  outcomes: string;

  @ApiProperty({ enum: RAG_STATUSES, description: 'How the project is going, in your view' })
  @IsString({ message: 'rag must be green, amber or red' })
  rag: string;

  @ApiPropertyOptional({ description: 'Needed for amber or red', maxLength: MAX_RETURN_TEXT })
  @IsOptional()
  @MaxLength(MAX_RETURN_TEXT, text('ragReason', MAX_RETURN_TEXT).length)
  @IsString(text('ragReason', MAX_RETURN_TEXT).type)
  ragReason?: string;

  @ApiPropertyOptional({ maxLength: MAX_RETURN_TEXT })
  @IsOptional()
  @MaxLength(MAX_RETURN_TEXT, text('changesNeeded', MAX_RETURN_TEXT).length)
  @IsString(text('changesNeeded', MAX_RETURN_TEXT).type)
  changesNeeded?: string;
}

export class VariationRequestDto {
  @ApiPropertyOptional({
    example: 1_400_000,
    minimum: 1,
    description: 'The whole grant as it should be, whole pence; left out: unchanged',
  })
  @IsOptional()
  @Min(1, { message: 'newAmountPence must be more than 0' })
  @IsInt({ message: 'newAmountPence must be a whole number of pence' })
  newAmountPence?: number;

  @ApiPropertyOptional({
    example: '2028-03-31',
    description: 'The project’s new last day, YYYY-MM-DD; left out: unchanged',
  })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'newEndOn must be a date like 2028-03-31' })
  @IsString({ message: 'newEndOn must be a date like 2028-03-31' })
  newEndOn?: string;

  @ApiPropertyOptional({
    example: 'Move £300 from room hire to coaching',
    maxLength: MAX_VARIATION_TEXT,
  })
  @IsOptional()
  @MaxLength(MAX_VARIATION_TEXT, text('budgetChanges', MAX_VARIATION_TEXT).length)
  @IsString(text('budgetChanges', MAX_VARIATION_TEXT).type)
  budgetChanges?: string;

  @ApiProperty({ example: 'The hall was closed for refurbishment for two months.' })
  @MaxLength(MAX_VARIATION_TEXT, text('reason', MAX_VARIATION_TEXT).length)
  @IsString(text('reason', MAX_VARIATION_TEXT).type)
  reason: string;
}

export class GrantSummaryDto {
  @ApiProperty() applicationId: string;
  @ApiProperty({ example: 'CSF-2022-DIV-0001' }) reference: string;
  @ApiProperty() projectTitle: string;
  @ApiProperty() organisationName: string;
  @ApiProperty() roundId: string;
  @ApiProperty() roundTitle: string;
  @ApiProperty({ enum: AWARD_STATUSES }) status: AwardStatus;
  @ApiProperty({ example: 1_500_000 }) amountPence: number;
  @ApiProperty({ example: 750_000 }) paidPence: number;
  @ApiProperty({
    enum: RAG_STATUSES,
    nullable: true,
    type: String,
    description: 'Of the latest return sent: the officer’s once reviewed, yours until then',
  })
  rag: string | null;
  @ApiProperty({ example: '2027-08-14', nullable: true, type: String })
  nextReturnDueOn: string | null;
  @ApiProperty({ description: 'Returns past their due date and not sent' })
  overdueReturns: number;
  @ApiProperty() variationRequested: boolean;
  @ApiProperty({
    example: '2027-04-07',
    nullable: true,
    type: String,
    description: 'The offer’s last day (UK)',
  })
  offerExpiresOn: string | null;
}

export class GrantListDto {
  @ApiProperty({ type: [GrantSummaryDto] }) grants: GrantSummaryDto[];
}

export class GrantPaymentDto {
  @ApiProperty() id: string;
  @ApiProperty() sequence: number;
  @ApiProperty({ example: '50% on acceptance' }) label: string;
  @ApiProperty() amountPence: number;
  @ApiProperty({ enum: ['scheduled', 'due', 'paid', 'cancelled'] }) status: string;
  @ApiProperty({ nullable: true, type: String, example: '2027-04-02' }) paidOn: string | null;
  @ApiProperty({ nullable: true, type: String }) reference: string | null;
}

export class MonitoringReturnDto {
  @ApiProperty() id: string;
  @ApiProperty() sequence: number;
  @ApiProperty({ example: 'Monitoring return 1' }) title: string;
  @ApiProperty({ enum: ['quarterly', 'final'] }) kind: string;
  @ApiProperty({ example: '2027-05-01' }) periodStartOn: string;
  @ApiProperty({ example: '2027-07-31' }) periodEndOn: string;
  @ApiProperty({ example: '2027-08-14' }) dueOn: string;
  @ApiProperty({ enum: ['due', 'submitted', 'more-information', 'accepted'] }) status: string;
  @ApiProperty({ description: 'Due and past its due date' }) overdue: boolean;
  @ApiProperty({ nullable: true, type: String, description: 'The grants team’s question' })
  question: string | null;
  @ApiProperty({ nullable: true, type: String }) progress: string | null;
  @ApiProperty({ nullable: true, type: Number }) spendToDatePence: number | null;
  @ApiProperty({ nullable: true, type: Number }) peopleReached: number | null;
  @ApiProperty({ nullable: true, type: String }) outcomes: string | null;
  @ApiProperty({ nullable: true, type: String, enum: RAG_STATUSES }) rag: string | null;
  @ApiProperty({ nullable: true, type: String }) ragReason: string | null;
  @ApiProperty({ nullable: true, type: String }) changesNeeded: string | null;
  @ApiProperty({ nullable: true, type: String }) submittedAt: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    enum: RAG_STATUSES,
    description: 'Once accepted',
  })
  officerRag: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Once accepted' })
  officerComment: string | null;
}

export class VariationDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['requested', 'approved', 'declined'] }) status: string;
  @ApiProperty() previousAmountPence: number;
  @ApiProperty({ nullable: true, type: String }) previousEndOn: string | null;
  @ApiProperty({ nullable: true, type: Number }) newAmountPence: number | null;
  @ApiProperty({ nullable: true, type: String }) newEndOn: string | null;
  @ApiProperty({ nullable: true, type: String }) budgetChanges: string | null;
  @ApiProperty() reason: string;
  @ApiProperty() requestedAt: string;
  @ApiProperty({ nullable: true, type: String }) decidedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) decisionReason: string | null;
}

export class GrantDetailDto extends GrantSummaryDto {
  @ApiProperty({ nullable: true, type: String }) plannedStartOn: string | null;
  @ApiProperty({ nullable: true, type: String }) plannedEndOn: string | null;
  @ApiProperty({ description: 'Still to pay: unpaid instalments (the whole grant while offered)' })
  duePence: number;
  @ApiProperty({ nullable: true, type: String, enum: ['completed', 'ended-early'] })
  closedOutcome: string | null;
  @ApiProperty() returnedPence: number;
  @ApiProperty({ type: [GrantPaymentDto] }) payments: GrantPaymentDto[];
  @ApiProperty({ type: [MonitoringReturnDto] }) returns: MonitoringReturnDto[];
  @ApiProperty({ type: [VariationDto] }) variations: VariationDto[];
}

/**
 * The grants of the applicant's organisations: the list, one grant with its payments, returns
 * and changes, sending a monitoring return, and asking for a change.
 */
@ApiTags('grants (grantee)')
@ApiBearerAuth()
@Controller('api/v1')
export class GranteeApiController {
  constructor(
    private readonly views: GrantViewsService,
    private readonly returns: MonitoringReturnsService,
    private readonly variations: AwardVariationsService,
    private readonly clock: Clock,
  ) {}

  @Get('grants')
  @ApplicantOnly()
  @Header('cache-control', 'no-store')
  @ApiOperation({ summary: "Your organisations' grants, newest offer first" })
  @ApiOkResponse({ type: GrantListDto })
  async list(@CurrentApplicant() me: ApplicantContext): Promise<GrantListDto> {
    const grants = await this.views.forApplicant(me.applicant, this.clock.now());
    return { grants: grants.map(summaryJson) };
  }

  @Get('applications/:id/grant')
  @ApplicantOnly()
  @Header('cache-control', 'no-store')
  @ApiOperation({ summary: 'The grant on one of your applications: payments, returns, changes' })
  @ApiOkResponse({ type: GrantDetailDto })
  @ApiNotFoundResponse(NOT_FOUND)
  async grant(
    @Param('id') id: string,
    @CurrentApplicant() me: ApplicantContext,
  ): Promise<GrantDetailDto> {
    return this.detail(me, id);
  }

  @Post('applications/:id/grant/returns/:returnId')
  @ApplicantOnly()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Send a monitoring return (or send it again with the information asked for)',
    description:
      'Open while the return is due or the grants team has asked for more information; the grant must be accepted and not closed. A reason is needed for amber or red.',
  })
  @ApiOkResponse({ type: MonitoringReturnDto })
  @ApiNotFoundResponse(NOT_FOUND)
  @ApiConflictResponse({
    description:
      'return_not_open (already sent or accepted), grant_not_live (not accepted, or closed)',
  })
  @ApiUnprocessableEntityResponse({
    description:
      'validation_failed, with a message on each field (progress, spendToDate, peopleReached, outcomes, rag, ragReason, changesNeeded)',
  })
  async submitReturn(
    @Param('id') id: string,
    @Param('returnId') returnId: string,
    @Body() body: ReturnAnswersDto,
    @CurrentApplicant() me: ApplicantContext,
  ): Promise<MonitoringReturnDto> {
    const sent = await this.returns.submit(me.applicant, id, returnId, {
      progress: body.progress,
      spendToDatePence: body.spendToDatePence,
      peopleReached: body.peopleReached,
      outcomes: body.outcomes,
      rag: body.rag,
      ragReason: body.ragReason ?? '',
      changesNeeded: body.changesNeeded ?? '',
    });
    return returnJson(sent, this.clock.now());
  }

  @Post('applications/:id/grant/variations')
  @ApplicantOnly()
  @ApiOperation({
    summary: 'Ask for a change to the grant: amount, end date or budget lines',
    description:
      'One request at a time; the grants team approves or declines it with a reason. Leave out what is not changing, but change at least one thing.',
  })
  @ApiCreatedResponse({ type: VariationDto })
  @ApiNotFoundResponse(NOT_FOUND)
  @ApiConflictResponse({
    description: 'variation_open (a request is waiting for a decision), grant_not_live',
  })
  @ApiUnprocessableEntityResponse({
    description: 'validation_failed on newAmount, newEndOn, budgetChanges or reason',
  })
  async requestVariation(
    @Param('id') id: string,
    @Body() body: VariationRequestDto,
    @CurrentApplicant() me: ApplicantContext,
  ): Promise<VariationDto> {
    const variation = await this.variations.request(me.applicant, id, {
      newAmountPence: body.newAmountPence ?? null,
      newEndOn: body.newEndOn ?? null,
      budgetChanges: body.budgetChanges ?? '',
      reason: body.reason,
    });
    return variationJson(variation);
  }

  private async detail(me: ApplicantContext, id: string): Promise<GrantDetailDto> {
    const now = this.clock.now();
    const detail: GrantDetail = await this.views.detailForApplicant(me.applicant, id, now);
    const { award } = detail;
    return {
      ...summaryJson(detail.summary),
      plannedStartOn: award.plannedStartOn,
      plannedEndOn: award.plannedEndOn,
      duePence: detail.duePence,
      closedOutcome: award.closedOutcome,
      returnedPence: award.returnedPence,
      payments: detail.payments.map((p) => ({
        id: p.id,
        sequence: p.sequence,
        label: p.label,
        amountPence: p.amountPence,
        status: p.status,
        paidOn: p.paidOn,
        reference: p.reference,
      })),
      returns: detail.returns.map((r) => returnJson(r, now)),
      variations: detail.variations.map(variationJson),
    };
  }
}

function summaryJson(s: GrantSummary): GrantSummaryDto {
  return {
    applicationId: s.applicationId,
    reference: s.reference,
    projectTitle: s.projectTitle,
    organisationName: s.organisationName,
    roundId: s.roundId,
    roundTitle: s.roundTitle,
    status: s.status,
    amountPence: s.amountPence,
    paidPence: s.paidPence,
    rag: s.rag,
    nextReturnDueOn: s.nextReturnDueOn,
    overdueReturns: s.overdueReturns,
    variationRequested: s.variationRequested,
    offerExpiresOn: s.offerExpiresOn,
  };
}

function returnJson(r: MonitoringReturn, now: Date): MonitoringReturnDto {
  const accepted = r.status === 'accepted';
  return {
    id: r.id,
    sequence: r.sequence,
    title: returnTitle(r),
    kind: r.kind,
    periodStartOn: r.periodStartOn,
    periodEndOn: r.periodEndOn,
    dueOn: r.dueOn,
    status: r.status,
    overdue: r.status === 'due' && r.dueOn < ukToday(now),
    question: r.status === 'more-information' ? r.question : null,
    progress: r.progress,
    spendToDatePence: r.spendToDatePence,
    peopleReached: r.peopleReached,
    outcomes: r.outcomes,
    rag: r.granteeRag,
    ragReason: r.granteeRagReason,
    changesNeeded: r.changesNeeded,
    submittedAt: r.submittedAt ? r.submittedAt.toISOString() : null,
    // The officer's view is theirs to give once they have decided on the return.
    officerRag: accepted ? r.officerRag : null,
    officerComment: accepted ? r.officerComment : null,
  };
}

function variationJson(v: AwardVariation): VariationDto {
  return {
    id: v.id,
    status: v.status,
    previousAmountPence: v.previousAmountPence,
    previousEndOn: v.previousEndOn,
    newAmountPence: v.newAmountPence,
    newEndOn: v.newEndOn,
    budgetChanges: v.budgetChanges,
    reason: v.reason,
    requestedAt: v.createdAt.toISOString(),
    decidedAt: v.decidedAt ? v.decidedAt.toISOString() : null,
    decisionReason: v.decisionReason,
  };
}
