import { AllocationProjectsService, AllocationReleaseService } from '@grants/allocations';
import { ApplicantOnly, OFFICE_READERS, StaffOnly } from '@grants/core';
import {
  ApplicantContext,
  CurrentApplicant,
  CurrentStaff,
  StaffContext,
  staffActor,
} from '@grants/identity';
import { Body, Controller, Get, Header, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import {
  AllocationProjectsDto,
  ApproveProjectDto,
  DeclineProjectDto,
  PartnerAllocationsDto,
  ReleaseDto,
  ReleaseInputDto,
} from './allocation-projects-api.dto';
import { DECISION_MAKERS } from './decisions-api.roles';
import { ROLES } from './role-docs';

const PLAN_NOT_FOUND = { description: 'not_found: no such allocation plan' };
const PROJECT_CONFLICTS = {
  description:
    'not_allocation_project; allocation_not_published; not_awaiting_approval (not appraised eligible, or decided already); allocation_exceeded: more than the partner has left (the message says how much); budget_exceeded',
};

/**
 * Partners' projects within a published allocation. Approving and declining are the decision
 * maker's, as for every other funding decision; the office reads the partners' positions; a
 * partner's members read their own allocations. The rules are in @grants/allocations.
 */
@ApiTags('allocations (projects)')
@ApiBearerAuth()
@Controller('api/v1')
export class AllocationProjectsApiController {
  constructor(
    private readonly projects: AllocationProjectsService,
    private readonly releases: AllocationReleaseService,
  ) {}

  @Get('staff/allocation-plans/:planId/projects')
  @StaffOnly(...OFFICE_READERS)
  @Header('cache-control', 'no-store')
  @ApiOperation({
    summary: 'Each partner: allocation, requested, approved, paid, released, unspent, projects',
  })
  @ApiOkResponse({ type: AllocationProjectsDto })
  @ApiNotFoundResponse(PLAN_NOT_FOUND)
  @ApiForbiddenResponse(ROLES(OFFICE_READERS))
  async view(@Param('planId') planId: string): Promise<AllocationProjectsDto> {
    return this.projects.view(planId);
  }

  @Post('staff/allocation-projects/:applicationId/approve')
  @StaffOnly(...DECISION_MAKERS)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Approve a partner’s eligible project, up to what it asked for',
    description:
      'Offers the grant (an award under the published allocations’ decision record) and commits the amount against the partner’s allocation; the organisation is emailed the offer.',
  })
  @ApiOkResponse({ type: AllocationProjectsDto })
  @ApiNotFoundResponse({ description: 'application_not_found' })
  @ApiForbiddenResponse(ROLES(DECISION_MAKERS))
  @ApiConflictResponse(PROJECT_CONFLICTS)
  @ApiUnprocessableEntityResponse({ description: 'validation_failed (amountPence, note)' })
  async approve(
    @Param('applicationId') applicationId: string,
    @Body() body: ApproveProjectDto,
    @CurrentStaff() staff: StaffContext,
  ): Promise<AllocationProjectsDto> {
    return this.projects.approve(staffActor(staff.user), applicationId, body);
  }

  @Post('staff/allocation-projects/:applicationId/decline')
  @StaffOnly(...DECISION_MAKERS)
  @HttpCode(200)
  @ApiOperation({ summary: 'Decline a partner’s eligible project, with the reason it is sent' })
  @ApiOkResponse({ type: AllocationProjectsDto })
  @ApiNotFoundResponse({ description: 'application_not_found' })
  @ApiForbiddenResponse(ROLES(DECISION_MAKERS))
  @ApiConflictResponse(PROJECT_CONFLICTS)
  @ApiUnprocessableEntityResponse({ description: 'validation_failed (reason)' })
  async decline(
    @Param('applicationId') applicationId: string,
    @Body() body: DeclineProjectDto,
    @CurrentStaff() staff: StaffContext,
  ): Promise<AllocationProjectsDto> {
    return this.projects.decline(staffActor(staff.user), applicationId, body);
  }

  @Post('staff/allocation-plans/:planId/releases')
  @StaffOnly(...DECISION_MAKERS)
  @ApiOperation({
    summary: 'Give partners’ unspent allocation back to the pot, by a recorded decision',
    description:
      'Releases allocation − approved for each partner named (or every partner with some left); released money cannot be approved afterwards.',
  })
  @ApiCreatedResponse({ type: ReleaseDto })
  @ApiNotFoundResponse(PLAN_NOT_FOUND)
  @ApiForbiddenResponse(ROLES(DECISION_MAKERS))
  @ApiConflictResponse({ description: 'allocation_not_published; nothing_to_release' })
  @ApiUnprocessableEntityResponse({
    description: 'validation_failed (title, summary, declarations, organisationIds)',
  })
  async release(
    @Param('planId') planId: string,
    @Body() body: ReleaseInputDto,
    @CurrentStaff() staff: StaffContext,
  ): Promise<ReleaseDto> {
    return this.releases.release(staffActor(staff.user), planId, body);
  }

  @Get('organisations/:id/allocations')
  @ApplicantOnly()
  @Header('cache-control', 'no-store')
  @ApiOperation({
    summary: 'The published allocations the organisation shares, and what it has left',
  })
  @ApiOkResponse({ type: PartnerAllocationsDto })
  @ApiNotFoundResponse({ description: 'not_found: no such organisation of yours' })
  async forOrganisation(
    @Param('id') organisationId: string,
    @CurrentApplicant() me: ApplicantContext,
  ): Promise<PartnerAllocationsDto> {
    return {
      allocations: await this.projects.forOrganisation(me.applicant, organisationId),
    };
  }
}
