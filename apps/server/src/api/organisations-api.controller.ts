import { ApplicantOnly, RateLimit } from '@grants/core';
import { ApplicantContext, CurrentApplicant } from '@grants/identity';
import {
  InviteMemberDto,
  membersView,
  OrganisationDto,
  organisationDtoToInput,
  OrganisationListDto,
  OrganisationMembersDto,
  OrganisationResponseDto,
  OrganisationsService,
  organisationView,
} from '@grants/organisations';
import { Body, Controller, Get, HttpCode, Param, Post, Put, UseGuards } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { EMAIL_SEND_IP_LIMIT, InviteEmailRateLimitGuard } from '../rate-limits/email-rate-limits';

export const INVITE_SENT_MESSAGE =
  'If the address is not already a member, an invitation is on its way. They join when they sign in with that address.';

const NOT_FOUND = {
  description: 'organisation_not_found: no such organisation, or you are not one of its members',
};
const INVALID_PROFILE = {
  description:
    'validation_failed, with a message on each field (an invalid postcode, charity or company number, a missing contact...)',
};

/**
 * The applicant's organisations. Ids of organisations they do not belong to answer 404, the
 * same as ids that do not exist, so nothing can be learnt by trying ids.
 */
@ApiTags('organisations')
@ApiBearerAuth()
@Controller('api/v1/organisations')
export class OrganisationsApiController {
  constructor(private readonly organisations: OrganisationsService) {}

  @Get()
  @ApplicantOnly()
  @ApiOperation({
    summary: 'Your organisations',
    description: 'Invitations sent to your address are taken up first.',
  })
  @ApiOkResponse({ type: OrganisationListDto })
  async list(@CurrentApplicant() me: ApplicantContext): Promise<OrganisationListDto> {
    const organisations = await this.organisations.listFor(me.applicant);
    return { organisations: organisations.map(organisationView) };
  }

  @Post()
  @ApplicantOnly()
  @ApiOperation({
    summary: 'Add an organisation',
    description:
      'You become its first member. Registered numbers are checked for form and give the 360Giving identifier (orgIdentifier): GB-CHC-1123456, GB-SC-SC012345, GB-COH-01234567.',
  })
  @ApiCreatedResponse({ type: OrganisationResponseDto })
  @ApiUnprocessableEntityResponse(INVALID_PROFILE)
  async create(
    @Body() body: OrganisationDto,
    @CurrentApplicant() me: ApplicantContext,
  ): Promise<OrganisationResponseDto> {
    return organisationView(
      await this.organisations.create(me.applicant, organisationDtoToInput(body)),
    );
  }

  @Get(':id')
  @ApplicantOnly()
  @ApiOperation({ summary: 'One of your organisations' })
  @ApiOkResponse({ type: OrganisationResponseDto })
  @ApiNotFoundResponse(NOT_FOUND)
  async get(
    @Param('id') id: string,
    @CurrentApplicant() me: ApplicantContext,
  ): Promise<OrganisationResponseDto> {
    return organisationView(await this.organisations.get(me.applicant, id));
  }

  @Put(':id')
  @ApplicantOnly()
  @ApiOperation({
    summary: "Replace the organisation's profile",
    description: 'Send the whole profile; optional numbers left out are cleared.',
  })
  @ApiOkResponse({ type: OrganisationResponseDto })
  @ApiNotFoundResponse(NOT_FOUND)
  @ApiUnprocessableEntityResponse(INVALID_PROFILE)
  async update(
    @Param('id') id: string,
    @Body() body: OrganisationDto,
    @CurrentApplicant() me: ApplicantContext,
  ): Promise<OrganisationResponseDto> {
    return organisationView(
      await this.organisations.update(me.applicant, id, organisationDtoToInput(body)),
    );
  }

  @Get(':id/members')
  @ApplicantOnly()
  @ApiOperation({ summary: 'Who works on the organisation, and who has been invited' })
  @ApiOkResponse({ type: OrganisationMembersDto })
  @ApiNotFoundResponse(NOT_FOUND)
  async members(
    @Param('id') id: string,
    @CurrentApplicant() me: ApplicantContext,
  ): Promise<OrganisationMembersDto> {
    return membersView(await this.organisations.members(me.applicant, id));
  }

  @Post(':id/invites')
  @ApplicantOnly()
  @HttpCode(202)
  @RateLimit(EMAIL_SEND_IP_LIMIT)
  @UseGuards(InviteEmailRateLimitGuard)
  @ApiOperation({
    summary: 'Invite someone to work on the applications',
    description:
      'Emails the address; they join when they sign in with it. Inviting an address again, or a member, sends nothing and gets the same answer. Limited per client address and per invited address.',
  })
  @ApiAcceptedResponse({ schema: { example: { message: INVITE_SENT_MESSAGE } } })
  @ApiNotFoundResponse(NOT_FOUND)
  async invite(
    @Param('id') id: string,
    @Body() body: InviteMemberDto,
    @CurrentApplicant() me: ApplicantContext,
  ): Promise<{ message: string }> {
    await this.organisations.invite(me.applicant, id, body.email);
    return { message: INVITE_SENT_MESSAGE };
  }
}
