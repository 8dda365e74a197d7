import 'reflect-metadata';
import { ConfigError, loadConfig } from '@grants/core';
import { createWorker } from './create-worker';

createWorker(loadConfig()).catch((err: unknown) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
