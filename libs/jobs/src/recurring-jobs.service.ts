import { AppConfig, JobsService, QueueName } from '@grants/core';
import { Injectable, OnApplicationBootstrap } from '@nestjs/common';

/**
 * Sweepers that catch up with work whose job was lost. Job schedulers are keyed by id in Redis,
 * so however many workers start, each sweep runs once per interval.
 */
@Injectable()
export class RecurringJobsService implements OnApplicationBootstrap {
  constructor(
    private readonly jobs: JobsService,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.jobs
      .queue(QueueName.Rounds)
      .upsertJobScheduler('rounds-sweep', { every: 60_000 }, { name: 'rounds.sweep', data: {} });
    await this.jobs
      .queue(QueueName.Ballots)
      .upsertJobScheduler('ballots-sweep', { every: 60_000 }, { name: 'ballots.sweep', data: {} });
    // Reminders go from 9am on their UK day: a five-minute sweep sends them within minutes.
    await this.jobs
      .queue(QueueName.Monitoring)
      .upsertJobScheduler(
        'monitoring-sweep',
        { every: 5 * 60_000 },
        { name: 'monitoring.sweep', data: {} },
      );
    await this.jobs
      .queue(QueueName.Mail)
      .upsertJobScheduler(
        'mail-sweep',
        { every: this.config.MAIL_SWEEP_SECONDS * 1000 },
        { name: 'mail.sweep', data: {} },
      );
  }
}
