import { BallotSchedulerService } from '@grants/ballots';
import { JobPayloads, QueueName } from '@grants/core';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { Job, UnrecoverableError } from 'bullmq';
import { runJob } from './run-job';

@Processor(QueueName.Ballots, { concurrency: 2 })
export class BallotsProcessor extends WorkerHost {
  private readonly logger = new Logger(BallotsProcessor.name);

  constructor(private readonly scheduler: BallotSchedulerService) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    return runJob(this.logger, job, async () => {
      switch (job.name) {
        case 'ballot.open':
          return this.scheduler.openIfDue((job.data as JobPayloads['ballot.open']).ballotId);
        case 'ballot.close':
          return this.scheduler.closeIfDue((job.data as JobPayloads['ballot.close']).ballotId);
        case 'ballots.sweep':
          return this.scheduler.sweep();
        default:
          throw new UnrecoverableError(`Unknown job ${job.name} on the ballots queue`);
      }
    });
  }
}
