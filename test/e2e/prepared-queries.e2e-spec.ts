import { ApplicationsService } from '@grants/applications';
import { Fund } from '@grants/funds';
import { Applicant, ApplicantAuthService } from '@grants/identity';
import { randomUUID } from 'node:crypto';
import { createTestContext, TestContext } from '../support/test-context';

interface Prepared {
  name: string;
  statement: string;
  generic_plans: number;
}

/**
 * The reads marked PREPARED (loading an application, an applicant's session) are named
 * statements on the pool's connections, so PostgreSQL stops planning them anew; other queries
 * are not kept. One connection, so the test sees the one the finds ran on.
 */
describe('prepared queries (real database)', () => {
  let ctx: TestContext;
  const prepared = async (): Promise<Prepared[]> =>
    ctx.dataSource.query(
      `SELECT name, statement, generic_plans::int FROM pg_prepared_statements ORDER BY name`,
    );

  beforeAll(async () => {
    ctx = await createTestContext({ env: { DATABASE_POOL_SIZE: '1' } });
  }, 120_000);
  afterAll(async () => {
    await ctx?.close();
  });

  it('prepares a marked find once per connection and PostgreSQL settles on one plan', async () => {
    const auth = ctx.get(ApplicantAuthService);
    for (let i = 0; i < 8; i += 1) {
      await expect(auth.findSession(`ap.not-a-session-${i}`)).resolves.toBeNull();
      const stranger = { id: randomUUID() } as Applicant;
      await expect(ctx.get(ApplicationsService).get(stranger, randomUUID())).rejects.toMatchObject({
        code: 'application_not_found',
      });
    }
    await ctx.dataSource.getRepository(Fund).find();

    const statements = await prepared();
    expect(statements.map((s) => s.name.slice(0, 9))).toEqual(['prepared:', 'prepared:']);
    expect(statements.every((s) => s.statement.startsWith('/* prepared */ SELECT'))).toBe(true);
    expect(statements.some((s) => s.statement.includes('applicant_sessions'))).toBe(true);
    expect(statements.some((s) => s.statement.includes('application_budget_lines'))).toBe(true);
    // After a few custom plans, the generic plan is used: the join is no longer planned each time.
    expect(statements.every((s) => s.generic_plans > 0)).toBe(true);
  });
});
