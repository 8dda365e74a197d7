import {
  AuditEvent,
  AuditService,
  buildDataSourceOptions,
  migrateUnderLock,
  SYSTEM_ACTOR,
} from '@grants/core';
import { ALL_ENTITIES, loadMigrations } from '@grants/schema';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { createTestContext, TestContext } from '../support/test-context';
import { TEST_PG_ADMIN_URL } from '../support/test-env';

describe('database schema', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(() => ctx?.close());

  it('was built from empty by the committed migrations and matches the entities exactly', async () => {
    // global-setup created this database empty and ran every migration; a change to an entity
    // without a migration shows up here as SQL that would still be needed.
    const pending = await ctx.dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('keeps the audit log append-only, whatever the application does', async () => {
    await ctx.dataSource.transaction((manager) =>
      ctx.get(AuditService).record(manager, SYSTEM_ACTOR, {
        action: 'test.recorded',
        subjectType: 'test',
        subjectId: 'schema',
      }),
    );
    const repo = ctx.dataSource.getRepository(AuditEvent);
    await expect(
      repo.update({ subjectId: 'schema' }, { action: 'test.rewritten' }),
    ).rejects.toThrow(/append-only/);
    await expect(repo.delete({ subjectId: 'schema' })).rejects.toThrow(/append-only/);
    expect(await repo.countBy({ subjectId: 'schema', action: 'test.recorded' })).toBe(1);
  });
});

describe('migrations at start-up', () => {
  const name = `${process.env.GRANTS_TEST_DB}_empty${Date.now().toString(36)}`;
  const url = new URL(TEST_PG_ADMIN_URL);
  url.pathname = `/${name}`;

  beforeAll(async () => {
    const admin = new Client({ connectionString: TEST_PG_ADMIN_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
  });
  afterAll(async () => {
    const admin = new Client({ connectionString: TEST_PG_ADMIN_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  });

  it('run once when two processes start together on an empty database (advisory lock)', async () => {
    const sources = [1, 2].map(
      () =>
        new DataSource(buildDataSourceOptions(url.toString(), ALL_ENTITIES, loadMigrations(), 2)),
    );
    await Promise.all(sources.map((s) => s.initialize()));
    try {
      const applied = await Promise.all(sources.map((s) => migrateUnderLock(s)));
      // One process applied every migration; the other waited, then found nothing to do.
      expect(applied.map((names) => names.length).sort()).toEqual([0, loadMigrations().length]);
      const rows: unknown[] = await sources[0].query('SELECT * FROM migrations');
      expect(rows).toHaveLength(loadMigrations().length);
    } finally {
      await Promise.all(sources.map((s) => s.destroy()));
    }
  });
});
