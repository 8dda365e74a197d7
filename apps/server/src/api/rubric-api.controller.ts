import { ReplaceRubricDto, RubricResponseDto, RubricService } from '@grants/assessment';
import { StaffOnly } from '@grants/core';
import { RoundsService } from '@grants/funds';
import { CurrentStaff, StaffContext, staffActor } from '@grants/identity';
import { Body, Controller, Get, Param, Put } from '@nestjs/common';
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
import { OFFICERS, ROLES, ROUND_NOT_FOUND, RUBRIC_READERS } from './assessment-api.roles';
import { criterionView } from './assessment-api.views';

/** A scored round's criteria: officers set them until scoring starts; the office reads them. */
@ApiTags('assessment (staff)')
@ApiBearerAuth()
@Controller('api/v1/staff/rounds/:roundId/rubric')
export class RubricApiController {
  constructor(
    private readonly rubric: RubricService,
    private readonly rounds: RoundsService,
  ) {}

  @Get()
  @StaffOnly(...RUBRIC_READERS)
  @ApiOperation({ summary: "The round's scoring criteria, and whether they are frozen" })
  @ApiOkResponse({ type: RubricResponseDto })
  @ApiNotFoundResponse(ROUND_NOT_FOUND)
  @ApiForbiddenResponse(ROLES(RUBRIC_READERS))
  async get(@Param('roundId') roundId: string): Promise<RubricResponseDto> {
    const round = await this.rounds.get(roundId, { includeDrafts: true });
    return this.view(round.id);
  }

  @Put()
  @StaffOnly(...OFFICERS)
  @ApiOperation({
    summary: 'Replace the criteria',
    description:
      'Until the first assessor is assigned; after that the rubric is frozen so every application is scored against the same criteria.',
  })
  @ApiOkResponse({ type: RubricResponseDto })
  @ApiNotFoundResponse(ROUND_NOT_FOUND)
  @ApiForbiddenResponse(ROLES(OFFICERS))
  @ApiConflictResponse({ description: 'rubric_frozen: scoring has started' })
  @ApiUnprocessableEntityResponse({
    description:
      'validation_failed (criteria: weights not adding up to 100, titles repeated...), not_scored_round',
  })
  async replace(
    @Param('roundId') roundId: string,
    @Body() body: ReplaceRubricDto,
    @CurrentStaff() staff: StaffContext,
  ): Promise<RubricResponseDto> {
    const round = await this.rounds.get(roundId, { includeDrafts: true });
    await this.rubric.replace(round.id, body.criteria, staffActor(staff.user));
    return this.view(round.id);
  }

  private async view(roundId: string): Promise<RubricResponseDto> {
    const [criteria, settings] = await Promise.all([
      this.rubric.criteria(roundId),
      this.rubric.settings(roundId),
    ]);
    return {
      roundId,
      criteria: criteria.map(criterionView),
      frozen: settings.rubricFrozenAt !== null,
      frozenAt: settings.rubricFrozenAt ? settings.rubricFrozenAt.toISOString() : null,
      moderationSpreadBp: settings.moderationSpreadBp,
    };
  }
}
