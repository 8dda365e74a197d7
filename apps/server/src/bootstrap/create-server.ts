import { AppConfig, migrateUnderLock } from '@grants/core';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { ServerModule } from '../server.module';
import { configureApp } from './configure-app';

/** Builds the HTTP app, applies pending migrations under the advisory lock, and initialises it. */
export async function createServer(config: AppConfig): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    ServerModule.forRoot(config),
    new FastifyAdapter({ trustProxy: config.TRUST_PROXY, bodyLimit: 1024 * 1024 }),
    { bufferLogs: true },
  );
  await migrateUnderLock(app.get(DataSource));
  await configureApp(app, config);
  await app.init();
  return app;
}
