import {
  AppConfig,
  AuditModule,
  ClockModule,
  ConfigModule,
  DatabaseModule,
  MailModule,
  QueuesModule,
} from '@grants/core';
import { ALL_ENTITIES } from './entities';
import { loadMigrations } from './migrations';

/**
 * What every process needs under its own modules: configuration, the database with every
 * entity, queues, audit and mail. The server, the worker and the tests start from this.
 */
export function platformModules(config: AppConfig) {
  return [
    ConfigModule.forRoot(config),
    ClockModule,
    DatabaseModule.forRoot(ALL_ENTITIES, loadMigrations()),
    QueuesModule,
    AuditModule,
    MailModule,
  ];
}
