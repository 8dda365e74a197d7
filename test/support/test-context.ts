import 'reflect-metadata';
import { loadConfig, type AppConfig } from '@grants/core';
import { ApplicationsModule } from '@grants/applications';
import { AssessmentModule } from '@grants/assessment';
import { AwardsModule } from '@grants/awards';
import { MonitoringModule } from '@grants/monitoring';
import { BallotsModule } from '@grants/ballots';
import { FundsModule } from '@grants/funds';
import { IdentityModule } from '@grants/identity';
import { JobProcessorsModule } from '@grants/jobs';
import { platformModules } from '@grants/schema';
import { SubscriptionsModule } from '@grants/subscriptions';
import { DynamicModule, INestApplicationContext, Module, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { testEnv } from './server-process';
import { prepareTestDatabase } from './test-env';

/**
 * The domain services wired as in the apps, on the real database and Redis, without HTTP:
 * for integration tests of services and jobs. With processors, BullMQ workers run too.
 */
export interface TestContext {
  app: INestApplicationContext;
  config: AppConfig;
  dataSource: DataSource;
  get<T>(type: abstract new (...args: never[]) => T): T;
  close(): Promise<void>;
}

export async function createTestContext(
  options: {
    env?: Record<string, string>;
    withProcessors?: boolean;
    /** More feature modules, for a test that needs their services (allocations, say). */
    modules?: (Type | DynamicModule)[];
  } = {},
): Promise<TestContext> {
  await prepareTestDatabase();
  const config = loadConfig(testEnv(options.env));
  @Module({
    imports: [
      ...platformModules(config),
      IdentityModule,
      FundsModule,
      SubscriptionsModule,
      ApplicationsModule,
      AssessmentModule,
      AwardsModule,
      MonitoringModule,
      BallotsModule,
      ...(options.withProcessors ? [JobProcessorsModule] : []),
      ...(options.modules ?? []),
    ],
  })
  class TestModule {}
  const app = await NestFactory.createApplicationContext(TestModule, { logger: ['error', 'warn'] });
  return {
    app,
    config,
    dataSource: app.get(DataSource),
    get: (type) => app.get(type as never),
    close: () => app.close(),
  };
}
