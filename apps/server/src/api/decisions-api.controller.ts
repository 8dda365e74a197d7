import { ApplicationNotFoundException } from '@grants/applications';
import {
  ApproveInputDto,
  DecisionPackageDto,
  DecisionPackageService,
  DecisionRecordDto,
  DecisionRecordsService,
  DecisionSignOffService,
  DeclineInputDto,
  SignOffInputDto,
} from '@grants/awards';
import { isUuid, StaffOnly } from '@grants/core';
import { CurrentStaff, StaffContext, staffActor } from '@grants/identity';
import { Body, Controller, Get, Header, HttpCode, Param, Post } from '@nestjs/common';
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
import {
  DECISION_MAKERS,
  OFFICE_READERS,
  RECORD_PUBLISHERS,
  ROLES,
  ROUND_NOT_FOUND,
  SIGNED_OFF,
} from './decisions-api.roles';
import { decisionPackageView, decisionRecordView } from './decisions-api.views';

const DECIDE_ERRORS = {
  description:
    'not_recommended: only a recommended application is decided; validation_failed (amountPence, amountReason, reason)',
};

/**
 * The decision maker's package: approve (committing the money), amend the amount with a reason
 * or decline each recommended application, then sign off, which makes the decision record.
 */
@ApiTags('decisions (staff)')
@ApiBearerAuth()
@Controller('api/v1/staff/rounds/:roundId/decision')
export class DecisionsApiController {
  constructor(
    private readonly packages: DecisionPackageService,
    private readonly signOffs: DecisionSignOffService,
    private readonly records: DecisionRecordsService,
  ) {}

  @Get()
  @StaffOnly(...OFFICE_READERS)
  @Header('cache-control', 'no-store')
  @ApiOperation({ summary: 'The decision package: the recommendation as sent, and each decision' })
  @ApiOkResponse({ type: DecisionPackageDto })
  @ApiNotFoundResponse(ROUND_NOT_FOUND)
  @ApiForbiddenResponse(ROLES(OFFICE_READERS))
  async view(@Param('roundId') roundId: string): Promise<DecisionPackageDto> {
    return decisionPackageView(await this.packages.view(roundId));
  }

  @Post('applications/:applicationId/approve')
  @StaffOnly(...DECISION_MAKERS)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Approve a recommended application, at the amount requested or less',
    description:
      'A smaller amount needs amountReason. Commits the money from the round’s budget; approving again replaces the amount.',
  })
  @ApiOkResponse({ type: DecisionPackageDto })
  @ApiNotFoundResponse(ROUND_NOT_FOUND)
  @ApiForbiddenResponse(ROLES(DECISION_MAKERS))
  @ApiConflictResponse({
    description: `budget_exceeded: the round's money left cannot cover it; ${SIGNED_OFF.description}`,
  })
  @ApiUnprocessableEntityResponse(DECIDE_ERRORS)
  async approve(
    @Param('roundId') roundId: string,
    @Param('applicationId') applicationId: string,
    @Body() body: ApproveInputDto,
    @CurrentStaff() staff: StaffContext,
  ): Promise<DecisionPackageDto> {
    assertApplicationId(applicationId);
    return decisionPackageView(
      await this.packages.approve(roundId, applicationId, body, staffActor(staff.user)),
    );
  }

  @Post('applications/:applicationId/decline')
  @StaffOnly(...DECISION_MAKERS)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Decline a recommended application, with the reason',
    description: 'Money an earlier approval committed goes back to the round.',
  })
  @ApiOkResponse({ type: DecisionPackageDto })
  @ApiNotFoundResponse(ROUND_NOT_FOUND)
  @ApiForbiddenResponse(ROLES(DECISION_MAKERS))
  @ApiConflictResponse(SIGNED_OFF)
  @ApiUnprocessableEntityResponse(DECIDE_ERRORS)
  async decline(
    @Param('roundId') roundId: string,
    @Param('applicationId') applicationId: string,
    @Body() body: DeclineInputDto,
    @CurrentStaff() staff: StaffContext,
  ): Promise<DecisionPackageDto> {
    assertApplicationId(applicationId);
    return decisionPackageView(
      await this.packages.decline(roundId, applicationId, body.reason, staffActor(staff.user)),
    );
  }

  @Post('sign-off')
  @StaffOnly(...DECISION_MAKERS)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Sign off the package',
    description:
      'Makes the numbered decision record, offers the awards, moves every application in the package to awarded or unsuccessful and sends each organisation its notice.',
  })
  @ApiOkResponse({ type: DecisionRecordDto })
  @ApiNotFoundResponse(ROUND_NOT_FOUND)
  @ApiForbiddenResponse(ROLES(DECISION_MAKERS))
  @ApiConflictResponse(SIGNED_OFF)
  @ApiUnprocessableEntityResponse({
    description:
      'validation_failed (title, summary, declarations; decisions: recommended applications still to decide, by reference)',
  })
  async signOff(
    @Param('roundId') roundId: string,
    @Body() body: SignOffInputDto,
    @CurrentStaff() staff: StaffContext,
  ): Promise<DecisionRecordDto> {
    await this.signOffs.signOff(roundId, body, staffActor(staff.user));
    return decisionRecordView((await this.records.forRound(roundId))!);
  }

  @Post('publish')
  @StaffOnly(...RECORD_PUBLISHERS)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Publish the decision record',
    description: 'It then appears at /api/v1/decision-records; publishing again changes nothing.',
  })
  @ApiOkResponse({ type: DecisionRecordDto })
  @ApiNotFoundResponse(ROUND_NOT_FOUND)
  @ApiForbiddenResponse(ROLES(RECORD_PUBLISHERS))
  @ApiConflictResponse({ description: 'not_signed_off: there is no record to publish yet' })
  async publish(
    @Param('roundId') roundId: string,
    @CurrentStaff() staff: StaffContext,
  ): Promise<DecisionRecordDto> {
    // The service answers a round that does not exist with a 404 before "not signed off".
    return decisionRecordView(await this.records.publish(roundId, staffActor(staff.user)));
  }
}

/** A malformed id names no application at all; a real one outside the package is not_recommended. */
function assertApplicationId(applicationId: string): void {
  if (!isUuid(applicationId)) throw new ApplicationNotFoundException();
}
