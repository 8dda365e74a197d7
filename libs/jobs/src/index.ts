export * from './job-processors.module';
export * from './processors/mail.processor';
export * from './processors/rounds.processor';
export * from './recurring-jobs.service';
export * from './processors/ballots.processor';
