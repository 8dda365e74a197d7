import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/**
 * Each test run gets a template database, migrated from empty once (global-setup), and each
 * test file its own copy of it, so files never see each other's data whatever order they run
 * in. Redis keys get a run prefix. Global teardown removes the lot.
 */
export const TEST_PG_ADMIN_URL =
  process.env.TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

function runDatabase(): string {
  const name = process.env.GRANTS_TEST_DB;
  if (!name) throw new Error('GRANTS_TEST_DB is not set: run tests through jest (global-setup)');
  return name;
}

function urlOf(database: string): string {
  const url = new URL(TEST_PG_ADMIN_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

/** The run's migrated template (global-setup creates it). */
export function templateDatabaseUrl(): string {
  return urlOf(runDatabase());
}

// Jest gives every test file its own module registry, so this is one name per file.
let fileDatabase: string | undefined;
let fileDatabaseReady: Promise<void> | undefined;

/** This test file's database: a copy of the template, made on first use. */
export function testDatabaseUrl(): string {
  fileDatabase ??= `${runDatabase()}_f${randomBytes(3).toString('hex')}`;
  return urlOf(fileDatabase);
}

export function prepareTestDatabase(): Promise<void> {
  testDatabaseUrl();
  fileDatabaseReady ??= (async () => {
    const admin = new Client({ connectionString: TEST_PG_ADMIN_URL });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${fileDatabase} TEMPLATE ${runDatabase()}`);
    } finally {
      await admin.end();
    }
  })();
  return fileDatabaseReady;
}

export function testRedisPrefix(): string {
  const prefix = process.env.GRANTS_TEST_REDIS_PREFIX;
  if (!prefix)
    throw new Error('GRANTS_TEST_REDIS_PREFIX is not set: run tests through jest (global-setup)');
  return prefix;
}
