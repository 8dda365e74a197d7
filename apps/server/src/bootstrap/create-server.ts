import { AppConfig, createAppLogger, migrateUnderLock, pinoOptions } from '@grants/core';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { DataSource } from 'typeorm';
import { ServerModule } from '../server.module';
import { configureApp } from './configure-app';

/** Builds the HTTP app, applies pending migrations under the advisory lock, and initialises it. */
export async function createServer(config: AppConfig): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    ServerModule.forRoot(config),
    new FastifyAdapter({
      trustProxy: config.TRUST_PROXY,
      bodyLimit: 1024 * 1024,
      genReqId: requestId,
      logger: pinoOptions(config),
    }),
    // rawBody: kept so a form with broken %-escapes can be refused (configure-app.ts).
    { logger: createAppLogger(config), rawBody: true },
  );
  await migrateUnderLock(app.get(DataSource));
  await configureApp(app, config);
  await app.init();
  return app;
}

/** A caller's X-Request-Id when it looks like one (a proxy's), else a new one. */
function requestId(request: { headers: IncomingHttpHeaders }): string {
  const incoming = request.headers['x-request-id'];
  return typeof incoming === 'string' && /^[\w-]{1,64}$/.test(incoming) ? incoming : randomUUID();
}
