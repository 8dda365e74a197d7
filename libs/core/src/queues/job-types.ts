import type { AppConfig } from '../config/app-config';
/**
 * Every queue and job name, with the payload each job carries (ids only: handlers reload state).
 * Names are stable strings: jobs already in Redis must still be understood after a deploy. A new
 * name needs the worker deployed before the processes that add it (an older worker fails a job
 * it does not know).
 */
export enum QueueName {
  Mail = 'mail',
  Rounds = 'rounds',
  Ballots = 'ballots',
  Monitoring = 'monitoring',
}

export interface JobPayloads {
  'mail.send': { emailId: string };
  /**
   * A hot path's emails handed to the worker in one job (a burst of vote receipts): the worker
   * queues their mail.send jobs, so the API adds one job per batch instead of one per email.
   */
  'mail.dispatch': { emailIds: string[] };
  /**
   * Finds outbox rows whose send job was never enqueued (Redis was down, a handover was lost) and
   * enqueues them.
   */
  'mail.sweep': Record<string, never>;
  'round.open': { roundId: string };
  'round.close': { roundId: string };
  /** Opens and closes any round whose time has passed, in case a delayed job was lost. */
  'rounds.sweep': Record<string, never>;
  'ballot.open': { ballotId: string };
  'ballot.close': { ballotId: string };
  /** Opens and closes any ballot whose time has passed, in case a delayed job was lost. */
  'ballots.sweep': Record<string, never>;
  /** Offer reminders and lapses, and monitoring return reminders, each sent once when due. */
  'monitoring.sweep': Record<string, never>;
}

export type JobName = keyof JobPayloads;

export const JOB_QUEUE: { [K in JobName]: QueueName } = {
  'mail.send': QueueName.Mail,
  'mail.dispatch': QueueName.Mail,
  'mail.sweep': QueueName.Mail,
  'round.open': QueueName.Rounds,
  'round.close': QueueName.Rounds,
  'rounds.sweep': QueueName.Rounds,
  'ballot.open': QueueName.Ballots,
  'ballot.close': QueueName.Ballots,
  'ballots.sweep': QueueName.Ballots,
  'monitoring.sweep': QueueName.Monitoring,
};

/**
 * Options of every job: the tries and the first wait from the configuration, exponential backoff,
 * failures kept for inspection.
 */
export function defaultJobOptions(config: Pick<AppConfig, 'JOB_ATTEMPTS' | 'JOB_BACKOFF_MS'>) {
  return {
    attempts: config.JOB_ATTEMPTS,
    backoff: { type: 'exponential', delay: config.JOB_BACKOFF_MS },
    removeOnComplete: { age: 24 * 3600, count: 10_000 },
    removeOnFail: false,
  };
}
