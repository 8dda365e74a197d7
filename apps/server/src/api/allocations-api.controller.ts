import { AllocationsService, PlanSettings } from '@grants/allocations';
import { SignOffInputDto } from '@grants/awards';
import { OFFICE_READERS, OFFICERS, StaffOnly } from '@grants/core';
import { CurrentStaff, StaffContext, staffActor } from '@grants/identity';
import { Body, Controller, Get, Header, HttpCode, Param, Patch, Post, Put } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import {
  AllocationPlanDto,
  AllocationPreviewDto,
  CsvImportInputDto,
  IndicatorsInputDto,
  PartnersInputDto,
  planDto,
  PlanSettingsDto,
  PreviewInputDto,
  previewDto,
  ValuesInputDto,
} from './allocations-api.dto';
import { DECISION_MAKERS } from './decisions-api.roles';
import { ROLES } from './role-docs';

const SIGNED_IN = { description: 'not_signed_in: no staff bearer token (an applicant’s too)' };
const PLAN_NOT_FOUND = { description: 'not_found: no such allocation plan' };
const PUBLISHED = {
  description: 'allocation_published: the plan has been published and can no longer change',
};
const LIMITS =
  'floor_above_cap, floor_too_high (minimum × partners over the pot), cap_too_low (maximum × partners under the pot)';

/**
 * Needs-based allocations for the office: officers set up a round's plan (pot, minimum,
 * maximum, partners, indicators and weights, values typed in or from a CSV file) and publish
 * it as a recorded decision; anyone in the office reads it and tries other weights. The rules
 * are all in @grants/allocations.
 */
@ApiTags('allocations (staff)')
@ApiBearerAuth()
@ApiUnauthorizedResponse(SIGNED_IN)
@Controller('api/v1/staff')
export class AllocationsApiController {
  constructor(private readonly allocations: AllocationsService) {}

  @Post('rounds/:roundId/allocation-plan')
  @StaffOnly(...OFFICERS)
  @ApiOperation({
    summary: 'Start the allocation plan of a round whose decision method is allocation',
    description: 'The pot defaults to the round’s budget and may not be more than it.',
  })
  @ApiCreatedResponse({ type: AllocationPlanDto })
  @ApiNotFoundResponse({ description: 'not_found: no such round' })
  @ApiForbiddenResponse(ROLES(OFFICERS))
  @ApiConflictResponse({
    description: 'not_allocation_round; allocation_plan_exists: the round has its plan already',
  })
  @ApiUnprocessableEntityResponse({
    description: `validation_failed (potPence, floorPence, capPence); ${LIMITS}`,
  })
  async create(
    @Param('roundId') roundId: string,
    @Body() body: PlanSettingsDto,
    @CurrentStaff() staff: StaffContext,
  ): Promise<AllocationPlanDto> {
    return planDto(await this.allocations.create(staffActor(staff.user), roundId, settings(body)));
  }

  @Get('rounds/:roundId/allocation-plan')
  @StaffOnly(...OFFICE_READERS)
  @Header('cache-control', 'no-store')
  @ApiOperation({ summary: 'A round’s allocation plan, with its allocations once published' })
  @ApiOkResponse({ type: AllocationPlanDto })
  @ApiNotFoundResponse({ description: 'not_found: no such round, or it has no plan' })
  @ApiForbiddenResponse(ROLES(OFFICE_READERS))
  async forRound(@Param('roundId') roundId: string): Promise<AllocationPlanDto> {
    return planDto(await this.allocations.forRound(roundId));
  }

  @Get('allocation-plans/:planId')
  @StaffOnly(...OFFICE_READERS)
  @Header('cache-control', 'no-store')
  @ApiOperation({
    summary: 'An allocation plan: settings, partners, indicators, values (and those missing)',
    description: 'Once published, the allocations as published with their indicator breakdown.',
  })
  @ApiOkResponse({ type: AllocationPlanDto })
  @ApiNotFoundResponse(PLAN_NOT_FOUND)
  @ApiForbiddenResponse(ROLES(OFFICE_READERS))
  async get(@Param('planId') planId: string): Promise<AllocationPlanDto> {
    return planDto(await this.allocations.get(planId));
  }

  @Patch('allocation-plans/:planId')
  @StaffOnly(...OFFICERS)
  @ApiOperation({ summary: 'Change the pot, the minimum or the maximum (0: none)' })
  @ApiOkResponse({ type: AllocationPlanDto })
  @ApiNotFoundResponse(PLAN_NOT_FOUND)
  @ApiForbiddenResponse(ROLES(OFFICERS))
  @ApiConflictResponse(PUBLISHED)
  @ApiUnprocessableEntityResponse({
    description: `validation_failed (potPence, floorPence, capPence); ${LIMITS}`,
  })
  async update(
    @Param('planId') planId: string,
    @Body() body: PlanSettingsDto,
    @CurrentStaff() staff: StaffContext,
  ): Promise<AllocationPlanDto> {
    return planDto(await this.allocations.update(staffActor(staff.user), planId, settings(body)));
  }

  @Put('allocation-plans/:planId/partners')
  @StaffOnly(...OFFICERS)
  @ApiOperation({
    summary: 'Set the partner organisations, in order',
    description: 'Partners kept keep their values; a partner left out loses its values.',
  })
  @ApiOkResponse({ type: AllocationPlanDto })
  @ApiNotFoundResponse(PLAN_NOT_FOUND)
  @ApiForbiddenResponse(ROLES(OFFICERS))
  @ApiConflictResponse(PUBLISHED)
  @ApiUnprocessableEntityResponse({
    description: `validation_failed (organisationIds.N: unknown or listed twice); ${LIMITS}`,
  })
  async partners(
    @Param('planId') planId: string,
    @Body() body: PartnersInputDto,
    @CurrentStaff() staff: StaffContext,
  ): Promise<AllocationPlanDto> {
    return planDto(
      await this.allocations.setPartners(staffActor(staff.user), planId, body.organisationIds),
    );
  }

  @Put('allocation-plans/:planId/indicators')
  @StaffOnly(...OFFICERS)
  @ApiOperation({
    summary: 'Set the indicators and their weights, in order',
    description: 'Indicators kept (by key) keep their values; one left out loses its values.',
  })
  @ApiOkResponse({ type: AllocationPlanDto })
  @ApiNotFoundResponse(PLAN_NOT_FOUND)
  @ApiForbiddenResponse(ROLES(OFFICERS))
  @ApiConflictResponse(PUBLISHED)
  @ApiUnprocessableEntityResponse({
    description: 'validation_failed (indicators.N.key, .label, .weight; indicators: all weights 0)',
  })
  async indicators(
    @Param('planId') planId: string,
    @Body() body: IndicatorsInputDto,
    @CurrentStaff() staff: StaffContext,
  ): Promise<AllocationPlanDto> {
    return planDto(
      await this.allocations.setIndicators(staffActor(staff.user), planId, body.indicators),
    );
  }

  @Post('allocation-plans/:planId/values')
  @StaffOnly(...OFFICERS)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Enter indicator values (replacing any for the same partner and indicator)',
    description: 'All or nothing: any error in any value and none is stored.',
  })
  @ApiOkResponse({ type: AllocationPlanDto })
  @ApiNotFoundResponse(PLAN_NOT_FOUND)
  @ApiForbiddenResponse(ROLES(OFFICERS))
  @ApiConflictResponse(PUBLISHED)
  @ApiUnprocessableEntityResponse({
    description:
      'validation_failed (values.N.partner, .indicator, .value, .source, .period: unknown, missing, negative, not a number, repeated)',
  })
  async values(
    @Param('planId') planId: string,
    @Body() body: ValuesInputDto,
    @CurrentStaff() staff: StaffContext,
  ): Promise<AllocationPlanDto> {
    return planDto(await this.allocations.enterValues(staffActor(staff.user), planId, body.values));
  }

  @Post('allocation-plans/:planId/values/import')
  @StaffOnly(...OFFICERS)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Import indicator values from a CSV file’s text',
    description:
      'Columns partner, indicator, value, source, period (header row required, any case). A file with any error imports nothing; each error names its row as a spreadsheet numbers it.',
  })
  @ApiOkResponse({ type: AllocationPlanDto })
  @ApiNotFoundResponse(PLAN_NOT_FOUND)
  @ApiForbiddenResponse(ROLES(OFFICERS))
  @ApiConflictResponse(PUBLISHED)
  @ApiUnprocessableEntityResponse({
    description: 'validation_failed (csv; rows.N.partner, .indicator, .value, .source, .period)',
  })
  async importCsv(
    @Param('planId') planId: string,
    @Body() body: CsvImportInputDto,
    @CurrentStaff() staff: StaffContext,
  ): Promise<AllocationPlanDto> {
    return planDto(await this.allocations.importCsv(staffActor(staff.user), planId, body.csv));
  }

  @Post('allocation-plans/:planId/preview')
  @StaffOnly(...OFFICE_READERS)
  @HttpCode(200)
  @Header('cache-control', 'no-store')
  @ApiOperation({
    summary: 'What the plan gives, or would give with other weights: nothing is stored',
  })
  @ApiOkResponse({ type: AllocationPreviewDto })
  @ApiNotFoundResponse(PLAN_NOT_FOUND)
  @ApiForbiddenResponse(ROLES(OFFICE_READERS))
  @ApiConflictResponse({ description: 'values_missing: a partner has no value for an indicator' })
  @ApiUnprocessableEntityResponse({
    description: `validation_failed (weights.KEY); no_partners, no_indicators, no_weight; ${LIMITS}`,
  })
  async preview(
    @Param('planId') planId: string,
    @Body() body: PreviewInputDto,
  ): Promise<AllocationPreviewDto> {
    return previewDto(await this.allocations.preview(planId, body.weights));
  }

  @Post('allocation-plans/:planId/publish')
  @StaffOnly(...DECISION_MAKERS)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Publish the allocations as a numbered decision record',
    description:
      'The decision maker’s: computed with the stored weights and stored as published, as a numbered decision record in their name; the plan cannot change after. The record is made public like any other decision record.',
  })
  @ApiOkResponse({ type: AllocationPlanDto })
  @ApiNotFoundResponse(PLAN_NOT_FOUND)
  @ApiForbiddenResponse(ROLES(DECISION_MAKERS))
  @ApiConflictResponse({
    description:
      'allocation_already_published; decision_signed_off: the round has a decision record already; values_missing',
  })
  @ApiUnprocessableEntityResponse({
    description: 'validation_failed (title, summary, declarations); the formula’s refusals',
  })
  async publish(
    @Param('planId') planId: string,
    @Body() body: SignOffInputDto,
    @CurrentStaff() staff: StaffContext,
  ): Promise<AllocationPlanDto> {
    return planDto(await this.allocations.publish(staffActor(staff.user), planId, body));
  }
}

/** 0 clears a minimum or maximum: JSON null is refused everywhere in this API. */
function settings(body: PlanSettingsDto): PlanSettings {
  return {
    potPence: body.potPence,
    floorPence: body.floorPence === undefined ? undefined : body.floorPence || null,
    capPence: body.capPence === undefined ? undefined : body.capPence || null,
  };
}
