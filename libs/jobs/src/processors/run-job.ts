import { Logger } from '@nestjs/common';
import { Job } from 'bullmq';

/** Logs each job with its id, name and duration, so a slow or failing job can be traced. */
export async function runJob<T>(logger: Logger, job: Job, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    const result = await work();
    logger.log(
      {
        jobId: job.id,
        job: job.name,
        attempt: job.attemptsMade + 1,
        durationMs: Math.round(performance.now() - started),
        result,
      },
      'Job done',
    );
    return result;
  } catch (err) {
    logger.warn(
      {
        jobId: job.id,
        job: job.name,
        attempt: job.attemptsMade + 1,
        durationMs: Math.round(performance.now() - started),
        err,
      },
      'Job failed',
    );
    throw err;
  }
}
