import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import { JOB_QUEUE, JobName, JobPayloads, QueueName } from './job-types';

/** How long a request waits for Redis to take a job before leaving it to the sweepers. */
const ENQUEUE_TIMEOUT_MS = 2000;

export interface EnqueueOptions {
  /** A natural key (no ':'): BullMQ keeps one job per id, so a second enqueue is a no-op. */
  jobId?: string;
  delayMs?: number;
  /** Ahead of the jobs already waiting (BullMQ's `lifo`): for a moment's work others wait on. */
  first?: boolean;
}

/** The one typed way to put work on a queue. */
@Injectable()
export class JobsService {
  private readonly logger = new Logger(JobsService.name);
  private readonly queues: Record<QueueName, Queue>;

  constructor(
    @InjectQueue(QueueName.Mail) mail: Queue,
    @InjectQueue(QueueName.Rounds) rounds: Queue,
    @InjectQueue(QueueName.Ballots) ballots: Queue,
    @InjectQueue(QueueName.Monitoring) monitoring: Queue,
  ) {
    this.queues = {
      [QueueName.Mail]: mail,
      [QueueName.Rounds]: rounds,
      [QueueName.Ballots]: ballots,
      [QueueName.Monitoring]: monitoring,
    };
  }

  async enqueue<K extends JobName>(
    name: K,
    payload: JobPayloads[K],
    options: EnqueueOptions = {},
  ): Promise<void> {
    if (options.jobId?.includes(':'))
      throw new Error(`Job id ${options.jobId} must not contain ':'`);
    await this.queues[JOB_QUEUE[name]].add(name, payload, {
      jobId: options.jobId,
      delay: Math.max(0, options.delayMs ?? 0),
      lifo: options.first,
    });
  }

  async enqueueMany<K extends JobName>(
    name: K,
    items: { payload: JobPayloads[K]; jobId?: string }[],
  ): Promise<void> {
    if (items.length === 0) return;
    await this.queues[JOB_QUEUE[name]].addBulk(
      items.map((item) => ({ name, data: item.payload, opts: { jobId: item.jobId } })),
    );
  }

  /**
   * Enqueue after a commit without failing or holding up the request: the work is already safe
   * in the database, and a sweeper enqueues it later if Redis is unreachable now (BullMQ would
   * otherwise wait for Redis to come back).
   */
  async enqueueBestEffort<K extends JobName>(
    name: K,
    payload: JobPayloads[K],
    options: EnqueueOptions = {},
  ): Promise<void> {
    await this.bestEffort(() => this.enqueue(name, payload, options), name, options.jobId);
  }

  async enqueueManyBestEffort<K extends JobName>(
    name: K,
    items: { payload: JobPayloads[K]; jobId?: string }[],
  ): Promise<void> {
    await this.bestEffort(() => this.enqueueMany(name, items), name, `${items.length} jobs`);
  }

  private async bestEffort(
    work: () => Promise<void>,
    name: JobName,
    jobId?: string,
  ): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`Redis did not take the job within ${ENQUEUE_TIMEOUT_MS} ms`)),
        ENQUEUE_TIMEOUT_MS,
      );
    });
    try {
      await Promise.race([work(), timeout]);
    } catch (err) {
      this.logger.warn({
        msg: 'Enqueue failed; the sweeper will retry',
        job: name,
        jobId,
        error: (err as Error).message,
      });
    } finally {
      clearTimeout(timer);
    }
  }

  queue(name: QueueName): Queue {
    return this.queues[name];
  }
}
