import { Logger } from '@nestjs/common';
import { Job } from 'bullmq';

/** Logs each job with its id, name and duration, so a slow or failing job can be traced. */
export async function runJob<T>(logger: Logger, job: Job, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const fields = () => ({
    jobId: job.id,
    job: job.name,
    attempt: job.attemptsMade + 1,
    durationMs: Math.round(performance.now() - started),
  });
  try {
    const result = await work();
    logger.log({ msg: 'Job done', ...fields(), result });
    return result;
  } catch (err) {
    logger.warn({ msg: 'Job failed', ...fields(), error: (err as Error).message });
    throw err;
  }
}
