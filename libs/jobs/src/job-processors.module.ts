import { BallotsModule } from '@grants/ballots';
import { FundsModule } from '@grants/funds';
import { MonitoringModule } from '@grants/monitoring';
import { SubscriptionsModule } from '@grants/subscriptions';
import { Module } from '@nestjs/common';
import { MailProcessor } from './processors/mail.processor';
import { BallotsProcessor } from './processors/ballots.processor';
import { RoundsProcessor } from './processors/rounds.processor';
import { MonitoringProcessor } from './processors/monitoring.processor';
import { RecurringJobsService } from './recurring-jobs.service';

/** The processors, run by the worker app, or inside the server when RUN_WORKER_IN_SERVER is set (the demo). */
@Module({
  // Subscriptions registers the round-opened announcement, which must run wherever rounds open.
  imports: [FundsModule, SubscriptionsModule, BallotsModule, MonitoringModule],
  providers: [
    MailProcessor,
    RoundsProcessor,
    BallotsProcessor,
    MonitoringProcessor,
    RecurringJobsService,
  ],
})
export class JobProcessorsModule {}
