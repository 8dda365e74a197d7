import 'reflect-metadata';
import { ConfigError, exitAfterShutdownDeadline, loadConfig } from '@grants/core';
import { Logger } from '@nestjs/common';
import { createServer } from './bootstrap/create-server';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createServer(config);
  exitAfterShutdownDeadline();
  await app.listen({ port: config.PORT, host: config.HOST });
  new Logger('Server').log(
    `Listening on http://${config.HOST}:${config.PORT} (public URL ${config.PUBLIC_URL})`,
  );
}

main().catch((err: unknown) => {
  // A configuration error is one line naming the variable, not a stack trace.
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
