import {
  AppConfig,
  JobPayloads,
  MAIL_SENDS_AT_ONCE,
  MailOutboxService,
  MailSenderService,
  PermanentMailError,
  QueueName,
} from '@grants/core';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { Job, UnrecoverableError } from 'bullmq';
import { runJob } from './run-job';

@Processor(QueueName.Mail, { concurrency: MAIL_SENDS_AT_ONCE })
export class MailProcessor extends WorkerHost {
  private readonly logger = new Logger(MailProcessor.name);

  constructor(
    private readonly sender: MailSenderService,
    private readonly outbox: MailOutboxService,
    private readonly config: AppConfig,
  ) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    return runJob(this.logger, job, async () => {
      switch (job.name) {
        case 'mail.send': {
          const { emailId } = job.data as JobPayloads['mail.send'];
          const attempts = job.opts.attempts ?? this.config.JOB_ATTEMPTS;
          try {
            return await this.sender.send(emailId, job.attemptsMade + 1 >= attempts);
          } catch (err) {
            if (err instanceof PermanentMailError) throw new UnrecoverableError(err.message);
            throw err;
          }
        }
        case 'mail.dispatch': {
          const { emailIds } = job.data as JobPayloads['mail.dispatch'];
          await this.outbox.enqueueSends(emailIds);
          return { ids: emailIds.length };
        }
        case 'mail.sweep': {
          await this.sender.failStaleClaims();
          const ids = await this.sender.findUndispatched();
          return { pending: ids.length, requeued: await this.outbox.redispatch(ids) };
        }
        default:
          throw new UnrecoverableError(`Unknown job ${job.name} on the mail queue`);
      }
    });
  }
}
