import { DataSource } from 'typeorm';

/** A fixed key: every process that migrates this database takes the same lock. */
const MIGRATION_LOCK_KEY = 724_112_001;

/**
 * Applies pending migrations while holding a Postgres advisory lock, so two processes starting
 * at once (two servers, server and worker) never run the same migration twice.
 */
export async function migrateUnderLock(dataSource: DataSource): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await runner
      .query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY])
      .catch(() => undefined);
    await runner.release();
  }
}
