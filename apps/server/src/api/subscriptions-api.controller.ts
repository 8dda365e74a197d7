import { Public, RateLimit } from '@grants/core';
import {
  SUBSCRIBE_MESSAGE,
  SubscribeDto,
  SubscriptionLinkResult,
  SubscriptionsService,
  SubscriptionTokenDto,
} from '@grants/subscriptions';
import { Body, Controller, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  EMAIL_SEND_IP_LIMIT,
  SubscribeEmailRateLimitGuard,
  EMAIL_LINK_IP_LIMIT,
} from '../rate-limits/email-rate-limits';

@ApiTags('subscriptions')
@Controller('api/v1')
export class SubscriptionsApiController {
  constructor(private readonly subscriptions: SubscriptionsService) {}

  /**
   * Asks for an email each time the fund opens a round. Double opt-in: a confirmation link is
   * emailed. The answer is the same whether or not the address was already subscribed.
   */
  @Post('funds/:slug/subscriptions')
  @Public()
  @HttpCode(202)
  @RateLimit(EMAIL_SEND_IP_LIMIT)
  @UseGuards(SubscribeEmailRateLimitGuard)
  async subscribe(@Param('slug') slug: string, @Body() body: SubscribeDto) {
    await this.subscriptions.subscribe(slug, body.email);
    return { message: SUBSCRIBE_MESSAGE };
  }

  /** The token from the confirmation email's link. Confirming twice is not an error. */
  @Post('subscriptions/confirm')
  @Public()
  @HttpCode(200)
  @RateLimit(EMAIL_LINK_IP_LIMIT)
  async confirm(@Body() body: SubscriptionTokenDto) {
    return linkView(
      await this.subscriptions.confirm(body.token),
      'You will get an email each time this fund opens a round.',
    );
  }

  /** The token from any email's unsubscribe link. Unsubscribing twice is not an error. */
  @Post('subscriptions/unsubscribe')
  @Public()
  @HttpCode(200)
  @RateLimit(EMAIL_LINK_IP_LIMIT)
  async unsubscribe(@Body() body: SubscriptionTokenDto) {
    return linkView(
      await this.subscriptions.unsubscribe(body.token),
      'You will not get any more emails about this fund.',
    );
  }
}

function linkView(result: SubscriptionLinkResult, message: string) {
  return { status: result.status, fund: result.fund, message };
}
