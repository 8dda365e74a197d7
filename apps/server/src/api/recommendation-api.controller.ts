import {
  ModerationInputDto,
  ModerationResultDto,
  ModerationService,
  OverrideInputDto,
  Recommendation,
  RecommendationDto,
  RecommendationService,
  ThresholdInputDto,
} from '@grants/assessment';
import { StaffOnly } from '@grants/core';
import { CurrentStaff, StaffContext, staffActor } from '@grants/identity';
import { Body, Controller, Delete, Get, Header, HttpCode, Param, Post, Put } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { OFFICERS, ROLES, ROUND_NOT_FOUND, SCORE_READERS } from './assessment-api.roles';

const SUBMITTED = {
  description: 'recommendation_submitted: it has gone to the decision maker and cannot change',
};

/** Whole hundredths of a percent; the DTO allows at most two decimals, so this is exact. */
const toBp = (percent: number) => Math.round(percent * 100);

/** Plain JSON: the service's rows carry the exact score fraction, which the API leaves out. */
function recommendationView(r: Recommendation): RecommendationDto {
  return {
    roundId: r.roundId,
    status: r.status,
    thresholdBp: r.thresholdBp,
    roundThresholdBp: r.roundThresholdBp,
    thresholdReason: r.thresholdReason,
    rows: r.rows.map((row) => ({
      rank: row.rank,
      applicationId: row.applicationId,
      reference: row.reference,
      organisationName: row.organisationName,
      projectTitle: row.projectTitle,
      amountRequestedPence: row.amountRequestedPence,
      percentage: row.percentage!,
      band: row.band!,
      meetsThreshold: row.meetsThreshold,
      override: row.override,
      recommended: row.recommended,
      cumulativePence: row.cumulativePence,
      fitsBudget: row.fitsBudget,
    })),
    budgetPence: r.budgetPence,
    committedPence: r.committedPence,
    availablePence: r.availablePence,
    recommendedPence: r.recommendedPence,
    recommendedCount: r.recommendedCount,
    remainingPence: r.remainingPence,
  };
}

/**
 * The recommendation to the decision maker (ranked, against a threshold and the money
 * available, with moves that each carry a reason) and moderation of flagged scores.
 */
@ApiTags('assessment (staff)')
@ApiBearerAuth()
@Controller('api/v1/staff')
export class RecommendationApiController {
  constructor(
    private readonly recommendations: RecommendationService,
    private readonly moderation: ModerationService,
  ) {}

  @Get('rounds/:roundId/recommendation')
  @StaffOnly(...SCORE_READERS)
  @Header('cache-control', 'no-store')
  @ApiOperation({ summary: 'The recommendation for a scored round, ranked, with the totals' })
  @ApiOkResponse({ type: RecommendationDto })
  @ApiNotFoundResponse(ROUND_NOT_FOUND)
  @ApiForbiddenResponse(ROLES(SCORE_READERS))
  async view(@Param('roundId') roundId: string): Promise<RecommendationDto> {
    return recommendationView(await this.recommendations.view(roundId));
  }

  @Put('rounds/:roundId/recommendation/threshold')
  @StaffOnly(...OFFICERS)
  @ApiOperation({
    summary: 'Set the threshold in force',
    description: 'For example raised because of the volume of applications; needs a reason.',
  })
  @ApiOkResponse({ type: RecommendationDto })
  @ApiNotFoundResponse(ROUND_NOT_FOUND)
  @ApiForbiddenResponse(ROLES(OFFICERS))
  @ApiConflictResponse(SUBMITTED)
  @ApiUnprocessableEntityResponse({ description: 'validation_failed (threshold, reason)' })
  async threshold(
    @Param('roundId') roundId: string,
    @Body() body: ThresholdInputDto,
    @CurrentStaff() staff: StaffContext,
  ): Promise<RecommendationDto> {
    return recommendationView(
      await this.recommendations.setThreshold(
        roundId,
        toBp(body.thresholdPercent),
        body.reason,
        staffActor(staff.user),
      ),
    );
  }

  @Put('rounds/:roundId/recommendation/overrides/:applicationId')
  @StaffOnly(...OFFICERS)
  @ApiOperation({
    summary: 'Move an application in or out of the recommendation',
    description: 'Needs a reason, recorded in the audit and shown to the decision maker.',
  })
  @ApiOkResponse({ type: RecommendationDto })
  @ApiNotFoundResponse(ROUND_NOT_FOUND)
  @ApiForbiddenResponse(ROLES(OFFICERS))
  @ApiConflictResponse(SUBMITTED)
  @ApiUnprocessableEntityResponse({ description: 'validation_failed (reason, applicationId)' })
  async override(
    @Param('roundId') roundId: string,
    @Param('applicationId') applicationId: string,
    @Body() body: OverrideInputDto,
    @CurrentStaff() staff: StaffContext,
  ): Promise<RecommendationDto> {
    return recommendationView(
      await this.recommendations.setOverride(
        roundId,
        applicationId,
        body.include,
        body.reason ?? '',
        staffActor(staff.user),
      ),
    );
  }

  @Delete('rounds/:roundId/recommendation/overrides/:applicationId')
  @StaffOnly(...OFFICERS)
  @ApiOperation({
    summary: 'Undo a move: the application goes back to what its score says',
    description: 'Answers the recommendation as it now is, whether or not there was a move.',
  })
  @ApiOkResponse({ type: RecommendationDto })
  @ApiNotFoundResponse(ROUND_NOT_FOUND)
  @ApiForbiddenResponse(ROLES(OFFICERS))
  @ApiConflictResponse(SUBMITTED)
  @ApiUnprocessableEntityResponse({ description: 'validation_failed (applicationId)' })
  async undo(
    @Param('roundId') roundId: string,
    @Param('applicationId') applicationId: string,
    @CurrentStaff() staff: StaffContext,
  ): Promise<RecommendationDto> {
    return recommendationView(
      await this.recommendations.setOverride(
        roundId,
        applicationId,
        null,
        '',
        staffActor(staff.user),
      ),
    );
  }

  @Post('rounds/:roundId/recommendation/submit')
  @StaffOnly(...OFFICERS)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Send the recommendation to the decision maker',
    description: 'Only when something is recommended and it fits the money available.',
  })
  @ApiOkResponse({ type: RecommendationDto })
  @ApiNotFoundResponse(ROUND_NOT_FOUND)
  @ApiForbiddenResponse(ROLES(OFFICERS))
  @ApiConflictResponse(SUBMITTED)
  @ApiUnprocessableEntityResponse({
    description: 'validation_failed (recommendation: nothing recommended, or over budget)',
  })
  async submit(
    @Param('roundId') roundId: string,
    @CurrentStaff() staff: StaffContext,
  ): Promise<RecommendationDto> {
    return recommendationView(await this.recommendations.submit(roundId, staffActor(staff.user)));
  }

  @Post('applications/:id/moderation')
  @StaffOnly(...OFFICERS)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Moderate an application’s score',
    description: 'A note, and optionally an agreed score that then stands instead of the mean.',
  })
  @ApiOkResponse({ type: ModerationResultDto })
  @ApiNotFoundResponse({ description: 'application_not_found: no such eligible application' })
  @ApiForbiddenResponse(ROLES(OFFICERS))
  @ApiUnprocessableEntityResponse({ description: 'validation_failed (note, agreedScore)' })
  async moderate(
    @Param('id') id: string,
    @Body() body: ModerationInputDto,
    @CurrentStaff() staff: StaffContext,
  ): Promise<ModerationResultDto> {
    const agreed = body.agreedScorePercent;
    const saved = await this.moderation.record(
      id,
      {
        agreedScoreBp: agreed === undefined ? null : toBp(agreed),
        note: body.note,
      },
      staffActor(staff.user),
    );
    return {
      applicationId: saved.applicationId,
      agreedScoreBp: saved.agreedScoreBp,
      note: saved.note,
      moderatedAt: saved.moderatedAt.toISOString(),
    };
  }
}
