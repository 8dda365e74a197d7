import {
  AppConfig,
  AuditModule,
  buildDataSourceOptions,
  ConfigError,
  ClockModule,
  ConfigModule,
  migrateUnderLock,
} from '@grants/core';
import { TallyService } from '@grants/ballots';
import { StaffUsersModule } from '@grants/identity';
import { ALL_ENTITIES, loadMigrations } from '@grants/schema';
import { INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/**
 * Staff accounts and ballot recounts on the configured database, without HTTP, queues or email (so neither Redis nor
 * a mail server need be up). Pending migrations
 * are applied (under the same lock as the server), so the first admin can be created before
 * the server has ever started.
 */
export async function createCliContext(config: AppConfig): Promise<INestApplicationContext> {
  if (!config.DATABASE_URL)
    throw new ConfigError(
      'DATABASE_URL is not set: point it at the database, like postgres://user:password@host:5432/grants',
    );
  @Module({
    imports: [
      ConfigModule.forRoot(config),
      // No retries: a command line should say at once that the database cannot be reached.
      TypeOrmModule.forRoot({
        ...buildDataSourceOptions(config.DATABASE_URL, ALL_ENTITIES, loadMigrations(), 2),
        retryAttempts: 0,
      }),
      AuditModule,
      ClockModule,
      StaffUsersModule,
    ],
    // The count only (not BallotsModule, whose scheduling needs Redis and mail).
    providers: [TallyService],
  })
  class CliModule {}
  let app: INestApplicationContext;
  try {
    app = await NestFactory.createApplicationContext(CliModule, {
      logger: false,
      abortOnError: false,
    });
  } catch (err) {
    throw new ConfigError(
      `Cannot connect to the database in DATABASE_URL: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
  await migrateUnderLock(app.get(DataSource));
  return app;
}
