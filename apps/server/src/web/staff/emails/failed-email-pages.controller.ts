import {
  FailedEmail,
  FailedEmailsPage,
  FailedEmailsService,
  formatUk,
  OFFICERS,
  StaffOnly,
} from '@grants/core';
import { CurrentStaff, StaffContext, staffActor, StaffRequest } from '@grants/identity';
import { Body, Controller, Get, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { asFormBody, formText, PageAccessFilter, renderPage } from '../../forms';
import {
  doneBanner,
  errorView,
  FormProblems,
  noFormProblems,
  submitForm,
} from '../assessment/page-problems';

const DONE: Record<string, string> = {
  resent: 'The email has been put back in the queue and will be sent again shortly.',
};

function pageOf(value: unknown): number {
  const page = typeof value === 'string' && /^\d{1,6}$/.test(value) ? Number(value) : 1;
  return page >= 1 ? page : 1;
}

function emailRow(email: FailedEmail) {
  return {
    id: email.id,
    toAddress: email.toAddress,
    subject: email.subject,
    template: email.template,
    attempts: email.attempts,
    lastError: email.lastError,
    createdAt: formatUk(email.createdAt),
    claimedAt: email.claimedAt ? formatUk(email.claimedAt) : null,
  };
}

function pagination(list: FailedEmailsPage) {
  if (list.pageCount <= 1) return null;
  const href = (page: number) => `/staff/emails?page=${page}`;
  return {
    previous: list.page > 1 ? { href: href(list.page - 1) } : undefined,
    next: list.page < list.pageCount ? { href: href(list.page + 1) } : undefined,
    items: Array.from({ length: list.pageCount }, (_, i) => ({
      number: i + 1,
      href: href(i + 1),
      current: i + 1 === list.page,
    })),
  };
}

/**
 * Email the service could not send: the officers see each failed row and why, and send it
 * again once they know it did not arrive (a timed-out send may have reached the recipient).
 */
@Controller('staff/emails')
@UseFilters(PageAccessFilter)
export class FailedEmailPagesController {
  constructor(private readonly failedEmails: FailedEmailsService) {}

  @Get()
  @StaffOnly(...OFFICERS)
  async list(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @Query('page') page?: unknown,
    @Query('done') done?: unknown,
  ) {
    return this.render(request, reply, pageOf(page), {
      ...noFormProblems(),
      banner: doneBanner(DONE, done),
    });
  }

  @Post(':emailId/resend')
  @StaffOnly(...OFFICERS)
  async resend(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @CurrentStaff() staff: StaffContext,
    @Param('emailId') emailId: string,
    @Body() raw: unknown,
  ) {
    const body = asFormBody(raw);
    const page = pageOf(formText(body, 'page'));
    return submitForm(
      reply,
      () => this.failedEmails.resend(staffActor(staff.user), emailId),
      `/staff/emails?done=resent${page > 1 ? `&page=${page}` : ''}`,
      (state, status) => this.render(request, reply, page, { ...state, banner: undefined }, status),
    );
  }

  private async render(
    request: StaffRequest,
    reply: FastifyReply,
    page: number,
    state: FormProblems & { banner: string | undefined },
    status = 200,
  ) {
    const list = await this.failedEmails.list(page);
    return renderPage(
      request,
      reply,
      'staff/emails/failed.njk',
      {
        emails: list.emails.map(emailRow),
        total: list.total,
        page: list.page,
        pagination: pagination(list),
        banner: state.banner,
        ...errorView(state.errors, state.problems),
        activeNav: 'staff-emails',
      },
      status,
    );
  }
}
