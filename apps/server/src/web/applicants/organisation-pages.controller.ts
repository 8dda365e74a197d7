import { ApplicantOnly, formatUk, formatUkDate, ValidationException } from '@grants/core';
import { ORGANISATION_TYPES } from '@grants/funds';
import { ApplicantContext, CurrentApplicant, StaffRequest } from '@grants/identity';
import {
  INVITE_VALID_DAYS,
  isInvitationProblem,
  Organisation,
  OrganisationInput,
  OrganisationsService,
  orgIdentifier,
} from '@grants/organisations';
import {
  Body,
  Controller,
  Get,
  Param,
  Post,
  Query,
  Req,
  Res,
  UseFilters,
  UseGuards,
} from '@nestjs/common';
import { RateLimit } from '@grants/core';
import type { FastifyReply } from 'fastify';
import {
  EMAIL_SEND_IP_LIMIT,
  InviteEmailRateLimitGuard,
} from '../../rate-limits/email-rate-limits';
import { asFormBody, FormErrors, formText, renderPage, seeOther } from '../forms';
import { applicantNext } from './applicant-next';
import { ApplicantPageAccessFilter } from './applicant-page-access.filter';
import {
  emptyOrganisationForm,
  ORGANISATION_FIELDS,
  organisationFormValues,
  organisationTypeItems,
  readOrganisationForm,
} from './organisation-form';

const SAVED_MESSAGES: Record<string, string> = {
  created: 'Organisation added.',
  updated: 'Organisation details saved.',
  declined: 'Invitation declined.',
};

/** Why an invitation could not be answered or withdrawn, shown above the page with its status. */
interface Problem {
  message: string;
  status: number;
}

/** The organisations an applicant acts for: their profiles and who else works on them. */
@Controller('organisations')
@UseFilters(ApplicantPageAccessFilter)
export class OrganisationPagesController {
  constructor(private readonly organisations: OrganisationsService) {}

  @Get()
  @ApplicantOnly()
  async list(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @CurrentApplicant() current: ApplicantContext,
    @Query('saved') saved?: string,
    @Query('joined') joined?: string,
  ) {
    return this.listPage(request, reply, current, { saved, joined });
  }

  /** Accepting needs a click after signing in: being invited alone never makes a member. */
  @Post('invitations/:inviteId/accept')
  @ApplicantOnly()
  async accept(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @CurrentApplicant() current: ApplicantContext,
    @Param('inviteId') inviteId: string,
  ) {
    try {
      const organisation = await this.organisations.acceptInvite(current.applicant, inviteId);
      return seeOther(reply, `/organisations?joined=${organisation.id}`);
    } catch (error) {
      if (!isInvitationProblem(error)) throw error;
      return this.listPage(request, reply, current, {
        problem: { message: error.message, status: error.status },
      });
    }
  }

  @Post('invitations/:inviteId/decline')
  @ApplicantOnly()
  async decline(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @CurrentApplicant() current: ApplicantContext,
    @Param('inviteId') inviteId: string,
  ) {
    try {
      await this.organisations.declineInvite(current.applicant, inviteId);
      return seeOther(reply, '/organisations?saved=declined');
    } catch (error) {
      if (!isInvitationProblem(error)) throw error;
      return this.listPage(request, reply, current, {
        problem: { message: error.message, status: error.status },
      });
    }
  }

  @Get('new')
  @ApplicantOnly()
  newForm(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @Query('type') type?: string,
    @Query('next') next?: string,
  ) {
    return this.formPage(request, reply, null, emptyOrganisationForm(type), applicantNext(next));
  }

  @Post('new')
  @ApplicantOnly()
  async create(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @CurrentApplicant() current: ApplicantContext,
    @Body() raw: unknown,
  ) {
    const body = asFormBody(raw);
    const values = readOrganisationForm(body);
    const next = applicantNext(formText(body, 'next'));
    try {
      await this.organisations.create(current.applicant, values);
    } catch (error) {
      if (!(error instanceof ValidationException)) throw error;
      return this.formPage(request, reply, null, values, next, error);
    }
    return seeOther(reply, next || '/organisations?saved=created');
  }

  @Get(':id')
  @ApplicantOnly()
  async editForm(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @CurrentApplicant() current: ApplicantContext,
    @Param('id') id: string,
    @Query('next') next?: string,
  ) {
    const organisation = await this.organisations.get(current.applicant, id);
    return this.formPage(
      request,
      reply,
      organisation,
      organisationFormValues(organisation),
      applicantNext(next),
    );
  }

  @Post(':id')
  @ApplicantOnly()
  async update(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @CurrentApplicant() current: ApplicantContext,
    @Param('id') id: string,
    @Body() raw: unknown,
  ) {
    const organisation = await this.organisations.get(current.applicant, id);
    const body = asFormBody(raw);
    const values = readOrganisationForm(body);
    const next = applicantNext(formText(body, 'next'));
    try {
      await this.organisations.update(current.applicant, organisation.id, values);
    } catch (error) {
      if (!(error instanceof ValidationException)) throw error;
      return this.formPage(request, reply, organisation, values, next, error);
    }
    return seeOther(reply, next || '/organisations?saved=updated');
  }

  @Get(':id/members')
  @ApplicantOnly()
  async members(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @CurrentApplicant() current: ApplicantContext,
    @Param('id') id: string,
    @Query('invited') invited?: string,
    @Query('withdrawn') withdrawn?: string,
  ) {
    return this.membersPage(request, reply, current, id, {
      email: '',
      invited: invited !== undefined,
      withdrawn: withdrawn !== undefined,
    });
  }

  @Post(':id/members')
  @ApplicantOnly()
  @RateLimit(EMAIL_SEND_IP_LIMIT)
  @UseGuards(InviteEmailRateLimitGuard)
  async invite(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @CurrentApplicant() current: ApplicantContext,
    @Param('id') id: string,
    @Body() raw: unknown,
  ) {
    const email = formText(asFormBody(raw), 'email');
    try {
      await this.organisations.invite(current.applicant, id, email);
    } catch (error) {
      if (!(error instanceof ValidationException)) throw error;
      return this.membersPage(request, reply, current, id, {
        email,
        error: error.errors[0]?.message ?? error.message,
      });
    }
    return seeOther(reply, `/organisations/${id}/members?invited`);
  }

  /** Forms cannot send DELETE: this is the page's way of withdrawing an invitation. */
  @Post(':id/invites/:inviteId/withdraw')
  @ApplicantOnly()
  async withdrawInvite(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @CurrentApplicant() current: ApplicantContext,
    @Param('id') id: string,
    @Param('inviteId') inviteId: string,
  ) {
    try {
      await this.organisations.revokeInvite(current.applicant, id, inviteId);
    } catch (error) {
      if (!isInvitationProblem(error)) throw error;
      return this.membersPage(request, reply, current, id, {
        email: '',
        problem: { message: error.message, status: error.status },
      });
    }
    return seeOther(reply, `/organisations/${id}/members?withdrawn`);
  }

  private async listPage(
    request: StaffRequest,
    reply: FastifyReply,
    current: ApplicantContext,
    shown: { saved?: string; joined?: string; problem?: Problem },
  ) {
    const [organisations, invitations] = await Promise.all([
      this.organisations.listFor(current.applicant),
      this.organisations.pendingInvitesFor(current.applicant),
    ]);
    // Named only from the applicant's own organisations, so the query cannot put words on the page.
    const joined = organisations.find((o) => o.id === shown.joined);
    const savedMessage = joined
      ? `You are now a member of ${joined.name}. You can work on its applications.`
      : shown.saved && Object.hasOwn(SAVED_MESSAGES, shown.saved)
        ? SAVED_MESSAGES[shown.saved]
        : null;
    return renderPage(
      request,
      reply,
      'applicants/organisations/list.njk',
      {
        activeNav: 'organisations',
        organisations: organisations.map((o) => ({
          id: o.id,
          name: o.name,
          typeLabel: typeLabel(o),
          identifier: orgIdentifier(o),
        })),
        invitations: invitations.map((i) => ({
          id: i.id,
          organisationName: i.organisationName,
          invitedBy: i.invitedBy,
          expiresUk: formatUk(i.expiresAt),
        })),
        savedMessage,
        problem: shown.problem?.message ?? null,
      },
      shown.problem?.status ?? 200,
    );
  }

  private async membersPage(
    request: StaffRequest,
    reply: FastifyReply,
    current: ApplicantContext,
    id: string,
    form: {
      email: string;
      error?: string;
      invited?: boolean;
      withdrawn?: boolean;
      problem?: Problem;
    },
  ) {
    const organisation = await this.organisations.get(current.applicant, id);
    const { members, invites } = await this.organisations.members(current.applicant, id);
    const errors = form.error
      ? [{ text: form.error, href: '#email' }]
      : form.problem
        ? [{ text: form.problem.message }]
        : [];
    return renderPage(
      request,
      reply,
      'applicants/organisations/members.njk',
      {
        activeNav: 'organisations',
        organisation,
        members: members.map((m) => ({
          email: m.email,
          joined: formatUkDate(m.joinedAt),
          isYou: m.email === current.applicant.email,
        })),
        invites: invites.map((i) => ({
          id: i.id,
          email: i.email,
          invited: formatUkDate(i.invitedAt),
          expires: formatUk(i.expiresAt),
        })),
        validDays: INVITE_VALID_DAYS,
        values: { email: form.email },
        invited: form.invited ?? false,
        withdrawn: form.withdrawn ?? false,
        errors,
        fieldErrors: form.error ? { email: { text: form.error } } : {},
      },
      form.error ? 422 : (form.problem?.status ?? 200),
    );
  }

  private formPage(
    request: StaffRequest,
    reply: FastifyReply,
    organisation: Organisation | null,
    values: OrganisationInput,
    next: string,
    error?: ValidationException,
  ) {
    const errors = new FormErrors();
    // In the order of the form, whatever order the rules found them in.
    const found = error?.errors ?? [];
    for (const field of ORGANISATION_FIELDS)
      for (const e of found) if (e.field === field) errors.add(field, e.message);
    for (const e of found) errors.add(e.field, e.message);
    return renderPage(
      request,
      reply,
      'applicants/organisations/form.njk',
      {
        activeNav: 'organisations',
        organisation,
        values,
        next,
        typeItems: organisationTypeItems(values.type),
        errors: errors.summary(),
        fieldErrors: errors.messages(),
      },
      error ? 422 : 200,
    );
  }
}

function typeLabel(org: Organisation): string {
  return Object.hasOwn(ORGANISATION_TYPES, org.type) ? ORGANISATION_TYPES[org.type] : org.type;
}
