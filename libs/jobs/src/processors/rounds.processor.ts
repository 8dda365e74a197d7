import { JobPayloads, QueueName } from '@grants/core';
import { RoundSchedulerService } from '@grants/funds';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { Job, UnrecoverableError } from 'bullmq';
import { runJob } from './run-job';

@Processor(QueueName.Rounds, { concurrency: 2 })
export class RoundsProcessor extends WorkerHost {
  private readonly logger = new Logger(RoundsProcessor.name);

  constructor(private readonly scheduler: RoundSchedulerService) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    return runJob(this.logger, job, async () => {
      switch (job.name) {
        case 'round.open':
          return this.scheduler.openIfDue((job.data as JobPayloads['round.open']).roundId);
        case 'round.close':
          return this.scheduler.closeIfDue((job.data as JobPayloads['round.close']).roundId);
        case 'rounds.sweep':
          return this.scheduler.sweep();
        default:
          throw new UnrecoverableError(`Unknown job ${job.name} on the rounds queue`);
      }
    });
  }
}
