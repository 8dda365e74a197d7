import { Public, RateLimit, ValidationException } from '@grants/core';
import { FundsService } from '@grants/funds';
import type { StaffRequest } from '@grants/identity';
import {
  ConfirmLinkExpiredException,
  ConfirmLinkInvalidException,
  SubscriptionLinkResult,
  SubscriptionsService,
  UnsubscribeLinkInvalidException,
} from '@grants/subscriptions';
import { Body, Controller, Get, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { asFormBody, formText, renderPage } from '../forms';
import {
  EMAIL_SEND_IP_LIMIT,
  SubscribeEmailRateLimitGuard,
  EMAIL_LINK_IP_LIMIT,
} from '../../rate-limits/email-rate-limits';

type LinkException =
  ConfirmLinkInvalidException | ConfirmLinkExpiredException | UnsubscribeLinkInvalidException;

/**
 * "Get emails about new rounds": the form on each fund, and the pages its email links open.
 * Links only show a page with a button (GET changes nothing: mail scanners fetch links); the
 * button's POST does the change.
 */
@Controller()
export class SubscriptionPagesController {
  constructor(
    private readonly subscriptions: SubscriptionsService,
    private readonly funds: FundsService,
  ) {}

  @Get('funds/:slug/email-updates')
  @Public()
  async form(
    @Param('slug') slug: string,
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
  ) {
    const fund = await this.funds.getBySlug(slug);
    return renderPage(request, reply, 'subscriptions/email-updates.njk', {
      fund,
      values: { email: '' },
      errors: [],
    });
  }

  @Post('funds/:slug/email-updates')
  @Public()
  @RateLimit(EMAIL_SEND_IP_LIMIT)
  @UseGuards(SubscribeEmailRateLimitGuard)
  async subscribe(
    @Param('slug') slug: string,
    @Body() rawBody: unknown,
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
  ) {
    const fund = await this.funds.getBySlug(slug);
    const email = formText(asFormBody(rawBody), 'email');
    try {
      await this.subscriptions.subscribe(fund.slug, email);
    } catch (error) {
      if (!(error instanceof ValidationException)) throw error;
      return renderPage(
        request,
        reply,
        'subscriptions/email-updates.njk',
        {
          fund,
          values: { email },
          errors: error.errors.map((e) => ({ text: e.message, href: `#${e.field}` })),
          emailError: { text: error.errors[0]?.message },
        },
        422,
      );
    }
    return renderPage(request, reply, 'subscriptions/check-your-email.njk', {
      fund,
      email: email.toLowerCase(),
    });
  }

  @Get('subscriptions/confirm')
  @Public()
  async confirmPage(
    @Query('token') token: unknown,
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
  ) {
    return this.answerLink(request, reply, 'confirm', async () => {
      const link = await this.subscriptions.checkConfirmLink(token);
      return link.status === 'confirmed'
        ? { template: 'subscriptions/confirmed.njk', link }
        : { template: 'subscriptions/confirm.njk', link, token: String(token).trim() };
    });
  }

  @Post('subscriptions/confirm')
  @Public()
  @RateLimit(EMAIL_LINK_IP_LIMIT)
  async confirm(
    @Body() rawBody: unknown,
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
  ) {
    return this.answerLink(request, reply, 'confirm', async () => ({
      template: 'subscriptions/confirmed.njk',
      link: await this.subscriptions.confirm(formText(asFormBody(rawBody), 'token')),
    }));
  }

  @Get('subscriptions/unsubscribe')
  @Public()
  async unsubscribePage(
    @Query('token') token: unknown,
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
  ) {
    return this.answerLink(request, reply, 'unsubscribe', async () => {
      const link = await this.subscriptions.checkUnsubscribeLink(token);
      return link.status === 'unsubscribed'
        ? { template: 'subscriptions/unsubscribed.njk', link }
        : { template: 'subscriptions/unsubscribe.njk', link, token: String(token) };
    });
  }

  @Post('subscriptions/unsubscribe')
  @Public()
  @RateLimit(EMAIL_LINK_IP_LIMIT)
  async unsubscribe(
    @Body() rawBody: unknown,
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
  ) {
    return this.answerLink(request, reply, 'unsubscribe', async () => ({
      template: 'subscriptions/unsubscribed.njk',
      link: await this.subscriptions.unsubscribe(formText(asFormBody(rawBody), 'token')),
    }));
  }

  /** A link that does not work gets a page saying why and what to do, with its status code. */
  private async answerLink(
    request: StaffRequest,
    reply: FastifyReply,
    kind: 'confirm' | 'unsubscribe',
    work: () => Promise<{ template: string; link: SubscriptionLinkResult; token?: string }>,
  ) {
    let page: { template: string; link: SubscriptionLinkResult; token?: string };
    try {
      page = await work();
    } catch (error) {
      if (!isLinkException(error)) throw error;
      return renderPage(
        request,
        reply,
        'subscriptions/link-problem.njk',
        {
          kind,
          expired: error instanceof ConfirmLinkExpiredException,
          message: error.message,
        },
        error.status,
      );
    }
    return renderPage(request, reply, page.template, {
      fund: page.link.fund,
      token: page.token ?? '',
    });
  }
}

function isLinkException(error: unknown): error is LinkException {
  return (
    error instanceof ConfirmLinkInvalidException ||
    error instanceof ConfirmLinkExpiredException ||
    error instanceof UnsubscribeLinkInvalidException
  );
}
