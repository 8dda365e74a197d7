import {
  ApplicationListDto,
  ApplicationQueueQueryDto,
  ApplicationQueueService,
  ApplicationsService,
  applicationSummaryView,
  AppraisalDto,
  AppraisalService,
  ReopenApplicationDto,
  RoundApplicationCountsDto,
  StaffApplicationResponseDto,
  staffApplicationView,
} from '@grants/applications';
import { OFFICE_READERS, OFFICERS, StaffOnly } from '@grants/core';
import { RoundsService } from '@grants/funds';
import { CurrentStaff, StaffContext, staffActor } from '@grants/identity';
import { Body, Controller, Get, Header, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ROLES } from './role-docs';

/** Who appraises, and who reads the queue, the applications, the counts and the export. */
const APPRAISERS = OFFICERS;
const READERS = OFFICE_READERS;

const NOT_FOUND = { description: 'application_not_found' };

/** The grants team's side of applications: the appraisal queue, appraisal and reports. */
@ApiTags('appraisal (staff)')
@ApiBearerAuth()
@Controller('api/v1/staff')
export class StaffApplicationsApiController {
  constructor(
    private readonly applications: ApplicationsService,
    private readonly appraisal: AppraisalService,
    private readonly queue: ApplicationQueueService,
    private readonly rounds: RoundsService,
  ) {}

  @Get('applications')
  @StaffOnly(...READERS)
  @ApiOperation({
    summary: 'The appraisal queue',
    description:
      'Oldest submission first, up to 200. Without a status, every application but drafts (work the applicant has not sent).',
  })
  @ApiOkResponse({ type: ApplicationListDto })
  @ApiForbiddenResponse(ROLES(READERS))
  async list(@Query() query: ApplicationQueueQueryDto): Promise<ApplicationListDto> {
    const applications = await this.queue.list({
      roundId: query.roundId,
      areaId: query.areaId,
      status: query.status,
    });
    return { applications: applications.map(applicationSummaryView) };
  }

  @Get('applications/:id')
  @StaffOnly(...READERS)
  @ApiOperation({
    summary: 'One application, with everything the appraiser needs',
    description:
      'The answers, the automatic eligibility checks with their reasons, the round’s checklist, the organisation’s profile and every message.',
  })
  @ApiOkResponse({ type: StaffApplicationResponseDto })
  @ApiNotFoundResponse(NOT_FOUND)
  @ApiForbiddenResponse(ROLES(READERS))
  async get(@Param('id') id: string): Promise<StaffApplicationResponseDto> {
    return this.view(id);
  }

  @Post('applications/:id/appraisal')
  @StaffOnly(...APPRAISERS)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Record the checklist and, when decided, the outcome',
    description:
      'eligible needs every checklist item confirmed; ineligible needs the reason and more-information the question, which the applicant is emailed. Without an outcome, only the checklist is saved.',
  })
  @ApiOkResponse({ type: StaffApplicationResponseDto })
  @ApiNotFoundResponse(NOT_FOUND)
  @ApiForbiddenResponse(ROLES(APPRAISERS))
  @ApiConflictResponse({ description: 'invalid_transition: not waiting for appraisal' })
  @ApiUnprocessableEntityResponse({
    description:
      'validation_failed on confirmed (an item not on the checklist, or items missing for eligible), reason_required',
  })
  async appraise(
    @Param('id') id: string,
    @Body() body: AppraisalDto,
    @CurrentStaff() staff: StaffContext,
  ): Promise<StaffApplicationResponseDto> {
    await this.appraisal.appraise(
      id,
      {
        confirmed: body.confirmed,
        outcome: body.outcome,
        reason: body.reason,
        overrideReason: body.overrideReason,
      },
      staffActor(staff.user),
    );
    return this.view(id);
  }

  @Post('applications/:id/reopen')
  @StaffOnly(...APPRAISERS)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Reopen a submitted application for a correction',
    description:
      'It goes back to draft with its reference kept; the applicant is emailed the reason and may submit again even after the deadline.',
  })
  @ApiOkResponse({ type: StaffApplicationResponseDto })
  @ApiNotFoundResponse(NOT_FOUND)
  @ApiForbiddenResponse(ROLES(APPRAISERS))
  @ApiConflictResponse({ description: 'invalid_transition: only submitted applications' })
  async reopen(
    @Param('id') id: string,
    @Body() body: ReopenApplicationDto,
    @CurrentStaff() staff: StaffContext,
  ): Promise<StaffApplicationResponseDto> {
    await this.appraisal.reopen(id, body.reason, staffActor(staff.user));
    return this.view(id);
  }

  @Get('rounds/:roundId/application-counts')
  @StaffOnly(...READERS)
  @ApiOperation({ summary: "A round's applications counted by status and by area" })
  @ApiOkResponse({ type: RoundApplicationCountsDto })
  @ApiNotFoundResponse({ description: 'not_found: no such round' })
  @ApiForbiddenResponse(ROLES(READERS))
  async counts(@Param('roundId') roundId: string): Promise<RoundApplicationCountsDto> {
    await this.rounds.get(roundId, { includeDrafts: true });
    return this.queue.counts(roundId);
  }

  @Get('rounds/:roundId/applications.csv')
  @StaffOnly(...READERS)
  @Header('cache-control', 'no-store')
  @ApiOperation({
    summary: 'Every sent application of the round, as CSV',
    description:
      'One row per application with a reference: organisation, amount (pounds and pence), failed checks, outcome reason and every answer. Cells that a spreadsheet would run as a formula are prefixed with an apostrophe.',
  })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'text/csv, as an attachment', schema: { type: 'string' } })
  @ApiNotFoundResponse({ description: 'not_found: no such round' })
  @ApiForbiddenResponse(ROLES(READERS))
  async csv(
    @Param('roundId') roundId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const round = await this.rounds.get(roundId, { includeDrafts: true });
    const csv = await this.queue.csv(round.id);
    void reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header(
        'content-disposition',
        `attachment; filename="${round.fund.code}-${round.code}-applications.csv"`,
      );
    return csv;
  }

  private async view(id: string): Promise<StaffApplicationResponseDto> {
    const application = await this.appraisal.get(id);
    const messages = await this.appraisal.messages(application.id);
    return staffApplicationView(application, this.applications.taskList(application), messages);
  }
}
