/**
 * Every queue and job name, with the payload each job carries (ids only: handlers reload state).
 * Names are stable strings: jobs already in Redis must still be understood after a deploy.
 */
export enum QueueName {
  Mail = 'mail',
  Rounds = 'rounds',
  Ballots = 'ballots',
  Monitoring = 'monitoring',
}

export interface JobPayloads {
  'mail.send': { emailId: string };
  /** Finds outbox rows whose send job was never enqueued (e.g. Redis was down) and enqueues them. */
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
  'mail.sweep': QueueName.Mail,
  'round.open': QueueName.Rounds,
  'round.close': QueueName.Rounds,
  'rounds.sweep': QueueName.Rounds,
  'ballot.open': QueueName.Ballots,
  'ballot.close': QueueName.Ballots,
  'ballots.sweep': QueueName.Ballots,
  'monitoring.sweep': QueueName.Monitoring,
};

/** Retry defaults for every job: exponential backoff, failures kept for inspection. */
export const DEFAULT_JOB_OPTIONS = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 5_000 },
  removeOnComplete: { age: 24 * 3600, count: 10_000 },
  removeOnFail: false,
} as const;
