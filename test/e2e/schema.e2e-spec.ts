import { AuditEvent, AuditService, SYSTEM_ACTOR } from '@grants/core';
import { createTestContext, TestContext } from '../support/test-context';

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
