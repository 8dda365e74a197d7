import { QueueName } from '@grants/core';
import { GrantRemindersService } from '@grants/monitoring';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { Job, UnrecoverableError } from 'bullmq';
import { runJob } from './run-job';

@Processor(QueueName.Monitoring, { concurrency: 1 })
export class MonitoringProcessor extends WorkerHost {
  private readonly logger = new Logger(MonitoringProcessor.name);

  constructor(private readonly reminders: GrantRemindersService) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    return runJob(this.logger, job, async () => {
      switch (job.name) {
        case 'monitoring.sweep':
          return this.reminders.sweep();
        default:
          throw new UnrecoverableError(`Unknown job ${job.name} on the monitoring queue`);
      }
    });
  }
}
