import 'reflect-metadata';
// Relative imports: jest's global setup does not use the @grants/* mapping. Migrations need no entities.
import { buildDataSourceOptions } from '../../libs/core/src/database/data-source-options';
import { migrateUnderLock } from '../../libs/core/src/database/migrate';
import { loadMigrations } from '../../libs/schema/src/migrations';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { TEST_PG_ADMIN_URL, templateDatabaseUrl } from './test-env';

/** Creates this run's database and applies every migration from empty (the test that they work). */
export default async function globalSetup(): Promise<void> {
  if (process.env.GRANTS_TEST_DB) return; // a second project in the same run reuses it
  const suffix = `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  process.env.GRANTS_TEST_DB = `grants_test_${suffix}`;
  process.env.GRANTS_TEST_REDIS_PREFIX = `grants-test-${suffix}`;
  const admin = new Client({ connectionString: TEST_PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${process.env.GRANTS_TEST_DB}`);
  await admin.end();
  const dataSource = new DataSource(
    buildDataSourceOptions(templateDatabaseUrl(), [], loadMigrations(), 2),
  );
  await dataSource.initialize();
  await migrateUnderLock(dataSource);
  await dataSource.destroy();
}
