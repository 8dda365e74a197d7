import 'reflect-metadata';
import { ConfigError, exitAfterShutdownDeadline, loadConfig } from '@grants/core';
import { Logger } from '@nestjs/common';
import { createWorker } from './create-worker';
import { startWorkerHealthServer } from './worker-health.server';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createWorker(config);
  exitAfterShutdownDeadline();
  if (config.WORKER_HEALTH_PORT > 0) {
    const health = startWorkerHealthServer(app, config.WORKER_HEALTH_PORT, config.HOST);
    // Stop answering health checks first, then let Nest close the BullMQ workers, which wait for
    // the jobs in hand to finish.
    process.once('SIGTERM', () => health.close());
  }
  new Logger('Worker').log('Worker started: processing the mail and rounds queues');
}

main().catch((err: unknown) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
