import { ApplicantOnly, RateLimit } from '@grants/core';
import { ApplicantContext, CurrentApplicant } from '@grants/identity';
import {
  INVITE_VALID_DAYS,
  InvitationListDto,
  invitationView,
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
import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Post,
  Put,
  UseGuards,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiGoneResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { EMAIL_SEND_IP_LIMIT, InviteEmailRateLimitGuard } from '../rate-limits/email-rate-limits';

export const INVITE_SENT_MESSAGE =
  'If the address is not already a member, an invitation is on its way. They join when they sign in with that address and accept it.';

const NOT_FOUND = {
  description: 'organisation_not_found: no such organisation, or you are not one of its members',
};
const INVITATION_NOT_FOUND = {
  description:
    'invitation_not_found: no such invitation, or it was sent to another address (sign in with that address to answer it)',
};
const INVITATION_ANSWERED = {
  description: 'invitation_already_answered: it has already been accepted or declined',
};
const INVITATION_GONE = {
  description:
    'invitation_expired: it can no longer be answered (ask a member to invite you again); invitation_withdrawn: a member withdrew it',
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
    description:
      'Only those you are a member of: invitations to your address are listed at /api/v1/organisations/invitations until you accept them.',
  })
  @ApiOkResponse({ type: OrganisationListDto })
  async list(@CurrentApplicant() me: ApplicantContext): Promise<OrganisationListDto> {
    const organisations = await this.organisations.listFor(me.applicant);
    return { organisations: organisations.map(organisationView) };
  }

  @Get('invitations')
  @ApplicantOnly()
  @ApiOperation({
    summary: 'Invitations to your address',
    description:
      'Open invitations to join an organisation: not yet answered, withdrawn or expired. Accept one to become a member.',
  })
  @ApiOkResponse({ type: InvitationListDto })
  async invitations(@CurrentApplicant() me: ApplicantContext): Promise<InvitationListDto> {
    const invites = await this.organisations.pendingInvitesFor(me.applicant);
    return { invitations: invites.map(invitationView) };
  }

  @Post('invitations/:inviteId/accept')
  @ApplicantOnly()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Accept an invitation',
    description:
      "You become a member of the organisation and can work on its applications. Only the address it was sent to can accept it, once, before it expires. Answers with the organisation's profile.",
  })
  @ApiOkResponse({ type: OrganisationResponseDto })
  @ApiNotFoundResponse(INVITATION_NOT_FOUND)
  @ApiConflictResponse(INVITATION_ANSWERED)
  @ApiGoneResponse(INVITATION_GONE)
  async accept(
    @Param('inviteId') inviteId: string,
    @CurrentApplicant() me: ApplicantContext,
  ): Promise<OrganisationResponseDto> {
    return organisationView(await this.organisations.acceptInvite(me.applicant, inviteId));
  }

  @Post('invitations/:inviteId/decline')
  @ApplicantOnly()
  @HttpCode(204)
  @ApiOperation({
    summary: 'Decline an invitation',
    description: 'A member can invite you again later if you change your mind.',
  })
  @ApiNoContentResponse()
  @ApiNotFoundResponse(INVITATION_NOT_FOUND)
  @ApiConflictResponse(INVITATION_ANSWERED)
  @ApiGoneResponse(INVITATION_GONE)
  async decline(
    @Param('inviteId') inviteId: string,
    @CurrentApplicant() me: ApplicantContext,
  ): Promise<void> {
    await this.organisations.declineInvite(me.applicant, inviteId);
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
    description: `Emails the address; they join when they sign in with it and accept, within ${INVITE_VALID_DAYS} days. While an invitation is open, inviting the address again (or a member) sends nothing and gets the same answer; once it has expired, or been declined or withdrawn, inviting again sends a new one. Limited per client address and per invited address.`,
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

  @Delete(':id/invites/:inviteId')
  @ApplicantOnly()
  @HttpCode(204)
  @ApiOperation({
    summary: 'Withdraw an invitation',
    description:
      'Any member can withdraw an open invitation to their organisation; it can then no longer be accepted. Invite the address again to send a new one.',
  })
  @ApiNoContentResponse()
  @ApiNotFoundResponse({
    description: `${NOT_FOUND.description}; invitation_not_found: the organisation has no such invitation`,
  })
  @ApiConflictResponse({
    description: 'invitation_already_answered: it was already accepted, declined or withdrawn',
  })
  @ApiGoneResponse({ description: 'invitation_expired: it has expired already' })
  async revoke(
    @Param('id') id: string,
    @Param('inviteId') inviteId: string,
    @CurrentApplicant() me: ApplicantContext,
  ): Promise<void> {
    await this.organisations.revokeInvite(me.applicant, id, inviteId);
  }
}
