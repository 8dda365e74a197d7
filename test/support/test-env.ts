/**
 * Each test run gets its own database and Redis key prefix (made by global-setup, removed by
 * global-teardown), so runs on one machine never see each other's data.
 */
export const TEST_PG_ADMIN_URL =
  process.env.TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export function testDatabaseUrl(): string {
  const name = process.env.GRANTS_TEST_DB;
  if (!name) throw new Error('GRANTS_TEST_DB is not set: run tests through jest (global-setup)');
  const url = new URL(TEST_PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export function testRedisPrefix(): string {
  const prefix = process.env.GRANTS_TEST_REDIS_PREFIX;
  if (!prefix)
    throw new Error('GRANTS_TEST_REDIS_PREFIX is not set: run tests through jest (global-setup)');
  return prefix;
}
