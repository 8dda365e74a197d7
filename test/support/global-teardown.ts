import Redis from 'ioredis';
import { Client } from 'pg';
import { TEST_PG_ADMIN_URL, TEST_REDIS_URL } from './test-env';

export default async function globalTeardown(): Promise<void> {
  const db = process.env.GRANTS_TEST_DB;
  const prefix = process.env.GRANTS_TEST_REDIS_PREFIX;
  if (db) {
    const admin = new Client({ connectionString: TEST_PG_ADMIN_URL });
    await admin.connect();
    // The template and every test file's copy of it.
    const { rows } = await admin.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname = $1 OR datname LIKE $1 || '\\_f%'`,
      [db],
    );
    for (const { datname } of rows)
      await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    await admin.end();
  }
  if (prefix) {
    const redis = new Redis(TEST_REDIS_URL);
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
    redis.disconnect();
  }
}
