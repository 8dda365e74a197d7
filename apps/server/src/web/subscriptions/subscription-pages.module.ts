import { FundsModule } from '@grants/funds';
import { SubscriptionsModule } from '@grants/subscriptions';
import { Module } from '@nestjs/common';
import { SubscriptionPagesController } from './subscription-pages.controller';

/** Email updates: the form on each fund and the pages its confirm and unsubscribe links open. */
@Module({
  imports: [FundsModule, SubscriptionsModule],
  controllers: [SubscriptionPagesController],
})
export class SubscriptionPagesModule {}
