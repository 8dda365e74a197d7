import {
  AssignAssessorsDto,
  AssignmentResponseDto,
  AssignmentsService,
  ReopenScoresDto,
  ScoringService,
  SpreadAssignmentsDto,
  SpreadResultDto,
  StaffAssignmentListDto,
} from '@grants/assessment';
import { StaffOnly } from '@grants/core';
import { RoundsService } from '@grants/funds';
import { CurrentStaff, StaffContext, staffActor } from '@grants/identity';
import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { ASSIGNMENT_NOT_FOUND, OFFICERS, ROLES, ROUND_NOT_FOUND } from './assessment-api.roles';
import { assignmentView, staffAssignmentView } from './assessment-api.views';

/** Officers give eligible applications to assessors, see who has what, and reopen scores. */
@ApiTags('assessment (staff)')
@ApiBearerAuth()
@Controller('api/v1/staff')
export class AssignmentsApiController {
  constructor(
    private readonly assignments: AssignmentsService,
    private readonly scoring: ScoringService,
    private readonly rounds: RoundsService,
  ) {}

  @Post('applications/:id/assignments')
  @StaffOnly(...OFFICERS)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Assign assessors to one eligible application',
    description:
      'Assessors already on it are kept (not doubled). The first assignment in a round freezes its rubric. Answers with every assignment of the application.',
  })
  @ApiOkResponse({ type: StaffAssignmentListDto })
  @ApiNotFoundResponse({ description: 'application_not_found' })
  @ApiForbiddenResponse(ROLES(OFFICERS))
  @ApiUnprocessableEntityResponse({
    description:
      'validation_failed (assessorIds: not assessors; applicationId: not eligible; criteria: none set), not_scored_round',
  })
  async assign(
    @Param('id') id: string,
    @Body() body: AssignAssessorsDto,
    @CurrentStaff() staff: StaffContext,
  ): Promise<StaffAssignmentListDto> {
    await this.assignments.assign(id, body.assessorIds, staffActor(staff.user));
    const all = await this.assignments.forApplication(id);
    return { assignments: all.map(staffAssignmentView) };
  }

  @Post('rounds/:roundId/assignments/spread')
  @StaffOnly(...OFFICERS)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Give every eligible application N assessors, spread evenly',
    description:
      'Least loaded first; never the same assessor twice on one application, nor one who declared a conflict on it. Applications that already have enough keep what they have.',
  })
  @ApiOkResponse({ type: SpreadResultDto })
  @ApiNotFoundResponse(ROUND_NOT_FOUND)
  @ApiForbiddenResponse(ROLES(OFFICERS))
  @ApiUnprocessableEntityResponse({
    description: 'validation_failed (perApplication, assessorIds, criteria)',
  })
  async spread(
    @Param('roundId') roundId: string,
    @Body() body: SpreadAssignmentsDto,
    @CurrentStaff() staff: StaffContext,
  ): Promise<SpreadResultDto> {
    const round = await this.rounds.get(roundId, { includeDrafts: true });
    const made = await this.assignments.spread(
      round.id,
      body.perApplication,
      body.assessorIds,
      staffActor(staff.user),
    );
    return { made };
  }

  @Get('rounds/:roundId/assignments')
  @StaffOnly(...OFFICERS)
  @ApiOperation({
    summary: "Every assignment in the round, with each assessor's declaration",
    description: 'Conflicts stay listed (status conflict, with the note): they need reassigning.',
  })
  @ApiOkResponse({ type: StaffAssignmentListDto })
  @ApiNotFoundResponse(ROUND_NOT_FOUND)
  @ApiForbiddenResponse(ROLES(OFFICERS))
  async list(@Param('roundId') roundId: string): Promise<StaffAssignmentListDto> {
    const round = await this.rounds.get(roundId, { includeDrafts: true });
    const all = await this.assignments.forRound(round.id);
    return { assignments: all.map(staffAssignmentView) };
  }

  @Post('assignments/:id/reopen')
  @StaffOnly(...OFFICERS)
  @HttpCode(200)
  @ApiOperation({
    summary: "Unlock an assessor's submitted scores so they can change them",
    description: 'The reason is recorded in the audit log.',
  })
  @ApiOkResponse({ type: AssignmentResponseDto })
  @ApiNotFoundResponse(ASSIGNMENT_NOT_FOUND)
  @ApiForbiddenResponse(ROLES(OFFICERS))
  @ApiUnprocessableEntityResponse({
    description: 'validation_failed (reason: empty; assignmentId: not submitted)',
  })
  async reopen(
    @Param('id') id: string,
    @Body() body: ReopenScoresDto,
    @CurrentStaff() staff: StaffContext,
  ): Promise<AssignmentResponseDto> {
    return assignmentView(await this.scoring.reopen(id, body.reason, staffActor(staff.user)));
  }
}
