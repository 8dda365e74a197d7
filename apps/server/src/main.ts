import 'reflect-metadata';
import { ConfigError, loadConfig } from '@grants/core';
import { createServer } from './bootstrap/create-server';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createServer(config);
  await app.listen({ port: config.PORT, host: config.HOST });
}

main().catch((err: unknown) => {
  // A configuration error is one line naming the variable, not a stack trace.
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
