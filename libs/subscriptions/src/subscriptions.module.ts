import { FundsModule, RoundEvents } from '@grants/funds';
import { Module, OnModuleInit } from '@nestjs/common';
import { RoundOpenedEmailsService } from './round-opened-emails.service';
import { SubscriptionsService } from './subscriptions.service';

@Module({
  imports: [FundsModule],
  providers: [SubscriptionsService, RoundOpenedEmailsService],
  exports: [SubscriptionsService, RoundOpenedEmailsService],
})
export class SubscriptionsModule implements OnModuleInit {
  constructor(
    private readonly roundEvents: RoundEvents,
    private readonly roundOpenedEmails: RoundOpenedEmailsService,
  ) {}

  /** Funds knows nothing of subscriptions: it runs this inside the transaction that opens a round. */
  onModuleInit(): void {
    this.roundEvents.onOpened((manager, round) => this.roundOpenedEmails.write(manager, round));
  }
}
