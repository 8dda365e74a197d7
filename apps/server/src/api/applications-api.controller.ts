import {
  ApplicationListDto,
  ApplicationMessagesDto,
  ApplicationResponseDto,
  ApplicationsService,
  applicationSummaryView,
  applicationView,
  messageView,
  StartApplicationDto,
  SubmitApplicationDto,
  UpdateAnswersDto,
  updateAnswersDtoToPatch,
  WithdrawApplicationDto,
} from '@grants/applications';
import { ApplicantOnly } from '@grants/core';
import { ApplicantContext, CurrentApplicant } from '@grants/identity';
import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';

const NOT_FOUND = {
  description:
    'application_not_found: no such application, or not one of your organisations’ (the same answer, so ids cannot be probed)',
};

/**
 * Applications of the applicant's organisations: start a draft, save answers as you go,
 * submit, answer a request for more information, withdraw, read the messages.
 */
@ApiTags('applications')
@ApiBearerAuth()
@Controller('api/v1/applications')
export class ApplicationsApiController {
  constructor(private readonly applications: ApplicationsService) {}

  @Get()
  @ApplicantOnly()
  @ApiOperation({ summary: "Your organisations' applications, newest first" })
  @ApiOkResponse({ type: ApplicationListDto })
  async list(@CurrentApplicant() me: ApplicantContext): Promise<ApplicationListDto> {
    const applications = await this.applications.listFor(me.applicant);
    return { applications: applications.map(applicationSummaryView) };
  }

  @Post()
  @ApplicantOnly()
  @ApiOperation({
    summary: 'Start a draft application',
    description: 'For one of your organisations, in a round that is open now.',
  })
  @ApiCreatedResponse({ type: ApplicationResponseDto })
  @ApiNotFoundResponse({ description: 'organisation_not_found: not one of your organisations' })
  @ApiUnprocessableEntityResponse({
    description:
      'round_not_open (the round has closed or has not opened yet), or validation_failed on roundId (no such round)',
  })
  async start(
    @Body() body: StartApplicationDto,
    @CurrentApplicant() me: ApplicantContext,
  ): Promise<ApplicationResponseDto> {
    return this.view(
      await this.applications.start(me.applicant, body.roundId, body.organisationId),
    );
  }

  @Get(':id')
  @ApplicantOnly()
  @ApiOperation({
    summary: 'One application: answers, status, reference and task list',
    description:
      'The automatic eligibility checks and the officer’s checklist are for the grants team and are not shown here.',
  })
  @ApiOkResponse({ type: ApplicationResponseDto })
  @ApiNotFoundResponse(NOT_FOUND)
  async get(
    @Param('id') id: string,
    @CurrentApplicant() me: ApplicantContext,
  ): Promise<ApplicationResponseDto> {
    return this.view(await this.applications.get(me.applicant, id));
  }

  @Patch(':id')
  @ApplicantOnly()
  @ApiOperation({
    summary: 'Save some answers',
    description:
      'Only the fields sent change; all of them are saved or none. Amounts are whole pence; startDate is YYYY-MM-DD; budgetLines replaces the whole budget. Answers need not be complete until submission. Only drafts (and applications asked for more information) can be changed.',
  })
  @ApiOkResponse({ type: ApplicationResponseDto })
  @ApiNotFoundResponse(NOT_FOUND)
  @ApiConflictResponse({ description: 'application_not_editable: submitted or withdrawn' })
  @ApiUnprocessableEntityResponse({
    description:
      'validation_failed, with a message on each field (budget lines: budgetLines.0.item)',
  })
  async saveAnswers(
    @Param('id') id: string,
    @Body() body: UpdateAnswersDto,
    @CurrentApplicant() me: ApplicantContext,
  ): Promise<ApplicationResponseDto> {
    const patch = updateAnswersDtoToPatch(body);
    // Nothing sent, nothing to save: answer with the application as it stands.
    if (Object.keys(patch).length === 0)
      return this.view(await this.applications.get(me.applicant, id));
    return this.view(
      await this.applications.saveAnswers(me.applicant, id, patch, { complete: false }),
    );
  }

  @Post(':id/submit')
  @ApplicantOnly()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Submit the application, or send it back with the information asked for',
    description:
      'The first submission issues the reference (like CSF-2022-DIV-0007) and emails a receipt with a copy of the answers. Refused after the round’s deadline (UK time, to the second); the draft is kept. When the status is more-information, send your answer as response.',
  })
  @ApiOkResponse({ type: ApplicationResponseDto })
  @ApiNotFoundResponse(NOT_FOUND)
  @ApiConflictResponse({
    description:
      'already_submitted (also the answer to a second submission sent at the same time), or application_changed (it kept being changed while it was submitted: check it and submit again)',
  })
  @ApiUnprocessableEntityResponse({
    description:
      'validation_failed (what is missing or wrong, on each field), deadline_passed, round_not_open or reason_required (no response to the question)',
  })
  async submit(
    @Param('id') id: string,
    @Body() body: SubmitApplicationDto,
    @CurrentApplicant() me: ApplicantContext,
  ): Promise<ApplicationResponseDto> {
    return this.view(
      await this.applications.submit(me.applicant, id, { response: body?.response }),
    );
  }

  @Post(':id/withdraw')
  @ApplicantOnly()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Withdraw the application',
    description: 'Possible before a decision; it cannot be undone.',
  })
  @ApiOkResponse({ type: ApplicationResponseDto })
  @ApiNotFoundResponse(NOT_FOUND)
  @ApiConflictResponse({ description: 'invalid_transition: already decided or withdrawn' })
  async withdraw(
    @Param('id') id: string,
    @Body() body: WithdrawApplicationDto,
    @CurrentApplicant() me: ApplicantContext,
  ): Promise<ApplicationResponseDto> {
    return this.view(await this.applications.withdraw(me.applicant, id, body?.reason));
  }

  @Get(':id/messages')
  @ApplicantOnly()
  @ApiOperation({
    summary: 'Every message about the application',
    description: 'What the grants team sent (also emailed) and your answers, oldest first.',
  })
  @ApiOkResponse({ type: ApplicationMessagesDto })
  @ApiNotFoundResponse(NOT_FOUND)
  async messages(
    @Param('id') id: string,
    @CurrentApplicant() me: ApplicantContext,
  ): Promise<ApplicationMessagesDto> {
    const messages = await this.applications.messages(me.applicant, id);
    return { messages: messages.map(messageView) };
  }

  private view(application: Parameters<typeof applicationView>[0]): ApplicationResponseDto {
    return applicationView(application, this.applications.taskList(application));
  }
}
