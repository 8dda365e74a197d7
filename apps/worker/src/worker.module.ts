import {
  AppConfig,
  AuditModule,
  ConfigModule,
  DatabaseModule,
  LoggerModule,
  MailModule,
  QueuesModule,
} from '@grants/core';
import { ALL_ENTITIES, loadMigrations } from '@grants/schema';
import { SubscriptionsModule } from '@grants/subscriptions';
import { DynamicModule, Module } from '@nestjs/common';
import { JobProcessorsModule } from '@grants/jobs';

@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule,
        DatabaseModule.forRoot(ALL_ENTITIES, loadMigrations()),
        QueuesModule,
        AuditModule,
        MailModule,
        SubscriptionsModule,
        JobProcessorsModule,
      ],
    };
  }
}
