import { GrantRound } from '@grants/funds';
import { createFund, diversionJson } from '../factories/round.factory';
import { bearerFor, createStaff } from '../factories/staff.factory';
import { HttpClient } from '../support/http-client';
import { freePort, ServerProcess, startServer } from '../support/server-process';
import { createTestContext, TestContext } from '../support/test-context';

describe('with Redis unreachable', () => {
  let server: ServerProcess;
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await createTestContext();
    await createFund(ctx);
    server = await startServer({
      env: { REDIS_URL: `redis://127.0.0.1:${await freePort()}` },
      expectUnhealthy: true,
    });
  });
  afterAll(async () => {
    await server?.stop();
    await ctx?.close();
  });

  it('still creates and schedules rounds (the database is the record; the sweeper queues the timers later)', async () => {
    const officer = await createStaff(ctx, 'grants-officer');
    const api = new HttpClient(server.baseUrl).withBearer(
      await bearerFor(server.baseUrl, officer.email),
    );
    const created = await api.post('/api/v1/rounds', diversionJson({ code: 'RDS' }));
    expect(created.status).toBe(201);
    const scheduled = await api.post(`/api/v1/rounds/${created.json().id}/schedule`);
    expect(scheduled.status).toBe(200);
    expect(
      await ctx.dataSource.getRepository(GrantRound).findOneByOrFail({ id: created.json().id }),
    ).toMatchObject({ status: 'scheduled' });
  });
});
