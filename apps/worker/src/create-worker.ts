import { AppConfig, createAppLogger } from '@grants/core';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { WorkerModule } from './worker.module';

/** The server applies migrations; a worker started first retries its jobs until they exist. */
export async function createWorker(config: AppConfig): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
    logger: createAppLogger(config),
  });
  app.enableShutdownHooks();
  return app;
}
