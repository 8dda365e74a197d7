import { AppraisalService } from '@grants/applications';
import {
  AssignmentListDto,
  AssignmentResponseDto,
  AssignmentsService,
  DeclarationDto,
  SaveScoresDto,
  ScoresDto,
  ScoringService,
  ScoringViewDto,
} from '@grants/assessment';
import { StaffOnly } from '@grants/core';
import { CurrentStaff, StaffContext, staffActor } from '@grants/identity';
import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
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
import { ASSIGNMENT_NOT_FOUND, ROLES } from './assessment-api.roles';
import {
  assessedApplicationView,
  assignmentView,
  criterionView,
  scoreView,
} from './assessment-api.views';

const ASSESSOR = ROLES(['assessor']);

/**
 * An assessor's own work: only their assignments, each opened after declaring no conflict,
 * scored, then submitted (locked). Anyone else's assignment answers 404, as if it did not exist.
 */
@ApiTags('assessment (assessor)')
@ApiBearerAuth()
@Controller('api/v1/assessor/assignments')
export class ScoringApiController {
  constructor(
    private readonly assignments: AssignmentsService,
    private readonly scoring: ScoringService,
    private readonly appraisal: AppraisalService,
  ) {}

  @Get()
  @StaffOnly('assessor')
  @ApiOperation({
    summary: 'My assignments',
    description:
      'Oldest first. Those I declared a conflict on are no longer mine and are left out.',
  })
  @ApiOkResponse({ type: AssignmentListDto })
  @ApiForbiddenResponse(ASSESSOR)
  async mine(@CurrentStaff() staff: StaffContext): Promise<AssignmentListDto> {
    const all = await this.assignments.forAssessor(staff.user.id);
    return { assignments: all.filter((a) => a.status !== 'conflict').map(assignmentView) };
  }

  @Post(':id/declaration')
  @StaffOnly('assessor')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Declare whether I have a conflict of interest',
    description:
      'Before opening the application. A conflict (with a note saying what it is) removes the assignment; the officer reassigns it.',
  })
  @ApiOkResponse({ type: AssignmentResponseDto })
  @ApiNotFoundResponse(ASSIGNMENT_NOT_FOUND)
  @ApiForbiddenResponse(ASSESSOR)
  @ApiUnprocessableEntityResponse({
    description: 'validation_failed (note: needed with a conflict; conflict: already declared)',
  })
  async declare(
    @Param('id') id: string,
    @Body() body: DeclarationDto,
    @CurrentStaff() staff: StaffContext,
  ): Promise<AssignmentResponseDto> {
    const assignment = await this.assignments.declare(
      id,
      staff.user,
      { conflict: body.conflict, note: body.note },
      staffActor(staff.user),
    );
    return assignmentView(assignment);
  }

  @Get(':id')
  @StaffOnly('assessor')
  @ApiOperation({
    summary: 'Open an assignment to score it',
    description:
      "The application's answers, the round's criteria with their guidance, and my scores so far.",
  })
  @ApiOkResponse({ type: ScoringViewDto })
  @ApiNotFoundResponse(ASSIGNMENT_NOT_FOUND)
  @ApiForbiddenResponse(ASSESSOR)
  @ApiConflictResponse({ description: 'declaration_required: declare any conflict first' })
  async open(
    @Param('id') id: string,
    @CurrentStaff() staff: StaffContext,
  ): Promise<ScoringViewDto> {
    const { assignment, criteria, scores } = await this.scoring.open(id, staff.user);
    const application = await this.appraisal.get(assignment.applicationId);
    return {
      assignment: assignmentView(assignment),
      application: assessedApplicationView(application),
      criteria: criteria.map(criterionView),
      scores: scores.map(scoreView),
    };
  }

  @Put(':id/scores')
  @StaffOnly('assessor')
  @ApiOperation({
    summary: 'Save scores as I go',
    description:
      'All or nothing: one bad score saves none of them. Criteria left out keep what was saved before.',
  })
  @ApiOkResponse({ type: ScoresDto })
  @ApiNotFoundResponse(ASSIGNMENT_NOT_FOUND)
  @ApiForbiddenResponse(ASSESSOR)
  @ApiConflictResponse({
    description: 'declaration_required; scores_locked: submitted (an officer can reopen them)',
  })
  @ApiUnprocessableEntityResponse({
    description: 'validation_failed on scores.<criterionId>: out of range, unknown, twice',
  })
  async save(
    @Param('id') id: string,
    @Body() body: SaveScoresDto,
    @CurrentStaff() staff: StaffContext,
  ): Promise<ScoresDto> {
    const scores = await this.scoring.save(
      id,
      staff.user,
      body.scores.map((s) => ({
        criterionId: s.criterionId,
        score: s.score,
        comment: s.comment ?? '',
      })),
      staffActor(staff.user),
    );
    return { scores: scores.map(scoreView) };
  }

  @Post(':id/submit')
  @StaffOnly('assessor')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Submit my scores',
    description: 'Every criterion needs a score and a comment. The scores are then locked.',
  })
  @ApiOkResponse({ type: AssignmentResponseDto })
  @ApiNotFoundResponse(ASSIGNMENT_NOT_FOUND)
  @ApiForbiddenResponse(ASSESSOR)
  @ApiConflictResponse({ description: 'declaration_required; scores_locked: already submitted' })
  @ApiUnprocessableEntityResponse({
    description: 'validation_failed on scores.<criterionId>: not scored, or no comment',
  })
  async submit(
    @Param('id') id: string,
    @CurrentStaff() staff: StaffContext,
  ): Promise<AssignmentResponseDto> {
    return assignmentView(await this.scoring.submit(id, staff.user, staffActor(staff.user)));
  }
}
