import {
  DecisionRecordDto,
  DecisionRecordsService,
  SignOffInputDto,
  VoteDecisionService,
} from '@grants/awards';
import { StaffOnly } from '@grants/core';
import { CurrentStaff, StaffContext, staffActor } from '@grants/identity';
import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
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
import { DECISION_MAKERS, ROLES } from './decisions-api.roles';
import { decisionRecordView } from './decisions-api.views';

/**
 * The decision on a public-vote round: the decision maker signs off the areas' winners. The
 * record is then published like any other, at .../decision/publish.
 */
@ApiTags('decisions (staff)')
@ApiBearerAuth()
@Controller('api/v1/staff/rounds/:roundId/vote/decision')
export class VoteDecisionApiController {
  constructor(
    private readonly decisions: VoteDecisionService,
    private readonly records: DecisionRecordsService,
  ) {}

  @Post('sign-off')
  @StaffOnly(...DECISION_MAKERS)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Sign off the public vote’s winners',
    description:
      'Every area’s ballot result must be published. Commits each winner’s grant from the round’s budget (never more than the area’s cap), makes the numbered decision record, offers the awards, moves every shortlisted application to awarded or unsuccessful and sends each organisation its notice.',
  })
  @ApiOkResponse({ type: DecisionRecordDto })
  @ApiNotFoundResponse({ description: 'not_found: no such public-vote round' })
  @ApiForbiddenResponse(ROLES(DECISION_MAKERS))
  @ApiConflictResponse({
    description:
      'decision_signed_off: the decision is final; no_ballots: the round has no ballots; budget_exceeded: the round’s money left cannot cover the winners',
  })
  @ApiUnprocessableEntityResponse({
    description:
      'validation_failed (title, summary, declarations; ballots: the areas whose result is not published yet); not_public_vote: the round is decided by scoring',
  })
  async signOff(
    @Param('roundId') roundId: string,
    @Body() body: SignOffInputDto,
    @CurrentStaff() staff: StaffContext,
  ): Promise<DecisionRecordDto> {
    await this.decisions.signOff(roundId, body, staffActor(staff.user));
    return decisionRecordView((await this.records.forRound(roundId))!);
  }
}
