import { RecommendationService, RubricService } from '@grants/assessment';
import {
  FeedbackDto,
  FeedbackInputDto,
  PublishScoresDto,
  PublishScoresInputDto,
} from '@grants/awards';
import { StaffOnly } from '@grants/core';
import { CurrentStaff, StaffContext, staffActor } from '@grants/identity';
import { Body, Controller, Param, Put } from '@nestjs/common';
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
import { OFFICERS, ROLES, ROUND_NOT_FOUND } from './decisions-api.roles';

/**
 * What the decision notices tell applicants besides the outcome: the officer's feedback, sent
 * with a decline, and (when the round chooses to) each applicant's score.
 */
@ApiTags('decisions (staff)')
@ApiBearerAuth()
@Controller('api/v1/staff/rounds/:roundId')
export class ApplicantNoticesApiController {
  constructor(
    private readonly recommendations: RecommendationService,
    private readonly rubric: RubricService,
  ) {}

  @Put('recommendation/applications/:applicationId/feedback')
  @StaffOnly(...OFFICERS)
  @ApiOperation({
    summary: 'Write the feedback for an applicant',
    description:
      'Sent with a decline. Only while the application is eligible (before the decision); an empty text removes it.',
  })
  @ApiOkResponse({ type: FeedbackDto })
  @ApiNotFoundResponse({
    description: 'not_found / application_not_found: no such round or application',
  })
  @ApiForbiddenResponse(ROLES(OFFICERS))
  @ApiConflictResponse({ description: 'feedback_closed: the decision has been made' })
  @ApiUnprocessableEntityResponse({ description: 'validation_failed (feedback)' })
  async feedback(
    @Param('roundId') roundId: string,
    @Param('applicationId') applicationId: string,
    @Body() body: FeedbackInputDto,
    @CurrentStaff() staff: StaffContext,
  ): Promise<FeedbackDto> {
    await this.recommendations.setFeedback(
      roundId,
      applicationId,
      body.feedback,
      staffActor(staff.user),
    );
    const saved = await this.recommendations.feedback(roundId);
    return { applicationId, feedback: saved.get(applicationId) ?? null };
  }

  @Put('assessment/publish-scores')
  @StaffOnly(...OFFICERS)
  @ApiOperation({
    summary: 'Choose whether the decision notices tell applicants their score',
    description: 'Off by default: applicants never see scores unless the round publishes them.',
  })
  @ApiOkResponse({ type: PublishScoresDto })
  @ApiNotFoundResponse(ROUND_NOT_FOUND)
  @ApiForbiddenResponse(ROLES(OFFICERS))
  @ApiUnprocessableEntityResponse({
    description: 'validation_failed (publishScores), not_scored_round',
  })
  async publishScores(
    @Param('roundId') roundId: string,
    @Body() body: PublishScoresInputDto,
    @CurrentStaff() staff: StaffContext,
  ): Promise<PublishScoresDto> {
    // A malformed or unknown id is the rubric service's 404 (it checks before locking).
    const settings = await this.rubric.setPublishScores(
      roundId,
      body.publishScores,
      staffActor(staff.user),
    );
    return { roundId, publishScores: settings.publishScores };
  }
}
