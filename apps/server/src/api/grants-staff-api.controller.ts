import {
  Clock,
  OFFICE_READERS,
  OFFICERS,
  StaffOnly,
  type StaffRole,
  ValidationException,
} from '@grants/core';
import { RoundsService } from '@grants/funds';
import { CurrentStaff, StaffContext, staffActor } from '@grants/identity';
import {
  AwardClosureService,
  AwardVariationsService,
  GrantPaymentsService,
  GrantViewsService,
  MonitoringReturnsService,
} from '@grants/monitoring';
import { Body, Controller, Get, Header, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import {
  StaffAwardDto,
  awardView,
  CloseGrantInputDto,
  DuePaymentDto,
  StaffGrantDetailDto,
  detailView,
  PortfolioGrantDto,
  ledgerView,
  MarkPaidInputDto,
  paymentView,
  StaffPaymentDto,
  PortfolioQueryDto,
  queuedReturnView,
  StaffReturnDto,
  returnView,
  ReviewReturnInputDto,
  ReturnsQueueDto,
  RoundLedgerDto,
  summaryView,
  VariationDecisionInputDto,
  StaffVariationDto,
  variationView,
} from './grants-api.views';
import { ROLES } from './role-docs';

/** Finance records payments; an admin may too (covering absence). */
const PAYERS: StaffRole[] = ['finance', 'admin'];

const SIGNED_IN = { description: 'not_signed_in: no staff bearer token (an applicant’s too)' };
const GRANT_NOT_FOUND = { description: 'not_found: no such grant (award)' };
const NOT_LIVE = 'grant_not_live: the grant is not accepted, or has been closed';

/**
 * The office's side of a live grant: the portfolio and each grant's record for anyone in the
 * office; payments for finance; reviewing returns, deciding changes and closing for officers.
 * The rules are all in @grants/monitoring; this adapts them to JSON.
 */
@ApiTags('grants (staff)')
@ApiBearerAuth()
@ApiUnauthorizedResponse(SIGNED_IN)
@Controller('api/v1/staff')
export class GrantsStaffApiController {
  constructor(
    private readonly views: GrantViewsService,
    private readonly payments: GrantPaymentsService,
    private readonly returns: MonitoringReturnsService,
    private readonly variations: AwardVariationsService,
    private readonly closures: AwardClosureService,
    private readonly rounds: RoundsService,
    private readonly clock: Clock,
  ) {}

  @Get('grants')
  @StaffOnly(...OFFICE_READERS)
  @Header('cache-control', 'no-store')
  @ApiOperation({
    summary: 'The portfolio: live (accepted) grants, worst RAG status first',
    description:
      'Each grant’s RAG is its latest sent return’s: the officer’s, or the grantee’s until reviewed (ragSource).',
  })
  @ApiOkResponse({ type: [PortfolioGrantDto] })
  @ApiNotFoundResponse({ description: 'not_found: roundId names no round' })
  @ApiForbiddenResponse(ROLES(OFFICE_READERS))
  @ApiUnprocessableEntityResponse({ description: 'validation_failed (rag, roundId)' })
  async portfolio(@Query() query: PortfolioQueryDto): Promise<PortfolioGrantDto[]> {
    if (query.roundId) await this.rounds.get(query.roundId, { includeDrafts: true });
    const grants = await this.views.portfolio(
      { rag: query.rag, roundId: query.roundId },
      this.clock.now(),
    );
    return grants.map(summaryView);
  }

  @Get('grants/:awardId')
  @StaffOnly(...OFFICE_READERS)
  @Header('cache-control', 'no-store')
  @ApiOperation({
    summary: 'One grant: the award, its payments, returns and variations, and what is still due',
  })
  @ApiOkResponse({ type: StaffGrantDetailDto })
  @ApiNotFoundResponse(GRANT_NOT_FOUND)
  @ApiForbiddenResponse(ROLES(OFFICE_READERS))
  async detail(@Param('awardId') awardId: string): Promise<StaffGrantDetailDto> {
    return detailView(await this.views.detail(awardId, this.clock.now()));
  }

  @Get('rounds/:roundId/ledger')
  @StaffOnly(...OFFICE_READERS)
  @Header('cache-control', 'no-store')
  @ApiOperation({
    summary: 'A round’s money, reconciled',
    description:
      'budget = committed + uncommitted; committed = paid (net of money returned) + due. reconciles says whether both hold.',
  })
  @ApiOkResponse({ type: RoundLedgerDto })
  @ApiNotFoundResponse({ description: 'not_found: no such round' })
  @ApiForbiddenResponse(ROLES(OFFICE_READERS))
  async ledger(@Param('roundId') roundId: string): Promise<RoundLedgerDto> {
    // The ledger of a round that does not exist would be all zeros: say so instead.
    const round = await this.rounds.get(roundId, { includeDrafts: true });
    return ledgerView(round.id, await this.views.roundLedger(round.id));
  }

  @Get('returns')
  @StaffOnly(...OFFICE_READERS)
  @Header('cache-control', 'no-store')
  @ApiOperation({
    summary: 'The returns queue: returns sent and waiting for review, and returns overdue',
    description: 'Oldest due first. Overdue is past its due day (UK) and not sent.',
  })
  @ApiOkResponse({ type: ReturnsQueueDto })
  @ApiForbiddenResponse(ROLES(OFFICE_READERS))
  async returnsQueue(): Promise<ReturnsQueueDto> {
    const queue = await this.views.returnsQueue(this.clock.now());
    return {
      toReview: queue.toReview.map(queuedReturnView),
      overdue: queue.overdue.map(queuedReturnView),
    };
  }

  @Get('payments/due')
  @StaffOnly(...OFFICE_READERS)
  @Header('cache-control', 'no-store')
  @ApiOperation({
    summary: 'Instalments finance can pay now, oldest first',
    description:
      'Due on acceptance, or released by the officer accepting the return they follow; with the grant they belong to.',
  })
  @ApiOkResponse({ type: [DuePaymentDto] })
  @ApiForbiddenResponse(ROLES(OFFICE_READERS))
  async duePayments(): Promise<DuePaymentDto[]> {
    return (await this.payments.due()).map((p) => ({
      ...paymentView(p),
      applicationId: p.award.applicationId,
      applicationReference: p.award.application.reference ?? '',
      organisationName: p.award.application.organisation.name,
      projectTitle: p.award.application.projectTitle,
    }));
  }

  @Post('payments/:paymentId/paid')
  @StaffOnly(...PAYERS)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Record an instalment as paid',
    description:
      'Paying less than the instalment records the part paid and leaves the balance due as a new instalment. The grantee is told.',
  })
  @ApiOkResponse({ type: StaffPaymentDto })
  @ApiNotFoundResponse({ description: 'not_found: no such payment' })
  @ApiForbiddenResponse(ROLES(PAYERS))
  @ApiConflictResponse({
    description: `payment_not_due: already paid, cancelled, or waiting on a return; ${NOT_LIVE}`,
  })
  @ApiUnprocessableEntityResponse({
    description:
      'validation_failed (paidOn: a real date, today or earlier; amountPence: 1 to the amount due; reference)',
  })
  async markPaid(
    @Param('paymentId') paymentId: string,
    @Body() body: MarkPaidInputDto,
    @CurrentStaff() staff: StaffContext,
  ): Promise<StaffPaymentDto> {
    const paid = await apiFields(() =>
      this.payments.markPaid(staffActor(staff.user), paymentId, body),
    );
    return paymentView(paid);
  }

  @Post('returns/:returnId/review')
  @StaffOnly(...OFFICERS)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Review a sent monitoring return: the officer’s RAG, then accept or ask a question',
    description:
      'Accepting releases any instalment waiting on this return; more-information sends it back to the grantee with the question.',
  })
  @ApiOkResponse({ type: StaffReturnDto })
  @ApiNotFoundResponse({ description: 'not_found: no such return' })
  @ApiForbiddenResponse(ROLES(OFFICERS))
  @ApiConflictResponse({
    description: `return_not_open: not sent, or already reviewed; ${NOT_LIVE}`,
  })
  @ApiUnprocessableEntityResponse({
    description: 'validation_failed (rag, outcome, comment, question: needed to ask)',
  })
  async review(
    @Param('returnId') returnId: string,
    @Body() body: ReviewReturnInputDto,
    @CurrentStaff() staff: StaffContext,
  ): Promise<StaffReturnDto> {
    const reviewed = await this.returns.review(staffActor(staff.user), returnId, {
      rag: body.rag,
      outcome: body.outcome,
      comment: body.comment ?? '',
      question: body.question ?? '',
    });
    return returnView(reviewed);
  }

  @Post('variations/:variationId/decision')
  @StaffOnly(...OFFICERS)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Approve or decline a requested change to a grant',
    description:
      'Approving changes the award, its commitment against the round’s budget, its unpaid instalments and the final report’s dates, in one step. Declining needs the reason.',
  })
  @ApiOkResponse({ type: StaffVariationDto })
  @ApiNotFoundResponse({ description: 'not_found: no such variation request' })
  @ApiForbiddenResponse(ROLES(OFFICERS))
  @ApiConflictResponse({
    description: `variation_decided: already decided; budget_exceeded: the round cannot cover an increase; ${NOT_LIVE}`,
  })
  @ApiUnprocessableEntityResponse({
    description:
      'validation_failed (approve; reason: needed to decline; newAmount: below what has been paid since it was asked)',
  })
  async decideVariation(
    @Param('variationId') variationId: string,
    @Body() body: VariationDecisionInputDto,
    @CurrentStaff() staff: StaffContext,
  ): Promise<StaffVariationDto> {
    const decided = await this.variations.decide(
      staffActor(staff.user),
      variationId,
      body.approve,
      body.reason ?? '',
    );
    return variationView(decided);
  }

  @Post('grants/:awardId/close')
  @StaffOnly(...OFFICERS)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Close a grant with its final outcome and any unspent money paid back',
    description:
      'Unpaid instalments are cancelled and the money the grant will not use goes back to the round’s budget.',
  })
  @ApiOkResponse({ type: StaffAwardDto })
  @ApiNotFoundResponse(GRANT_NOT_FOUND)
  @ApiForbiddenResponse(ROLES(OFFICERS))
  @ApiConflictResponse({
    description: `final_report_outstanding: completed needs the final report accepted; ${NOT_LIVE}`,
  })
  @ApiUnprocessableEntityResponse({
    description:
      'validation_failed (outcome; returnedPence: 0 to what was paid; note: needed for ended-early)',
  })
  async close(
    @Param('awardId') awardId: string,
    @Body() body: CloseGrantInputDto,
    @CurrentStaff() staff: StaffContext,
  ): Promise<StaffAwardDto> {
    const closed = await apiFields(() =>
      this.closures.close(staffActor(staff.user), awardId, {
        outcome: body.outcome,
        returnedPence: body.returnedPence,
        note: body.note ?? '',
      }),
    );
    return awardView(closed);
  }
}

/** The services name money fields as the pages do (amount, returned); the API's are in pence. */
const API_FIELDS: Record<string, string> = { amount: 'amountPence', returned: 'returnedPence' };

async function apiFields<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof ValidationException)
      throw new ValidationException(
        err.errors.map((e) => ({ ...e, field: API_FIELDS[e.field] ?? e.field })),
      );
    throw err;
  }
}
