import 'reflect-metadata';
import { ConfigError, exitAfterShutdownDeadline, loadConfig } from '@grants/core';
import { Logger } from '@nestjs/common';
import type { Server } from 'node:http';
import { createServer } from './bootstrap/create-server';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createServer(config);
  exitAfterShutdownDeadline();
  // Closing the server drops the keep-alive connections idle at that moment, but not those whose
  // request finishes after: a proxy's pool would hold the shutdown until its deadline. Once it
  // takes no new connections, drop each one as soon as it is idle.
  for (const signal of ['SIGTERM', 'SIGINT'] as const)
    process.once(signal, () => {
      const server = app.getHttpServer() as Server;
      setInterval(() => {
        if (!server.listening) server.closeIdleConnections();
      }, 50).unref();
    });
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
