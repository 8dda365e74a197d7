import { AuditEvent } from '@grants/core';
import { createFund, diversionJson } from '../factories/round.factory';
import { bearerFor, createStaff } from '../factories/staff.factory';
import { HttpClient } from '../support/http-client';
import { ServerProcess, startServer, waitUntil } from '../support/server-process';
import { createTestContext, TestContext } from '../support/test-context';

describe('rounds open and close by themselves (server with its job processors, real Redis)', () => {
  let server: ServerProcess;
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await createTestContext();
    server = await startServer({ withWorker: true });
    await createFund(ctx);
  });
  afterAll(async () => {
    await server?.stop();
    await ctx?.close();
  });

  it('opens at opensAt and closes at closesAt, through delayed jobs', async () => {
    const officer = await createStaff(ctx, 'grants-officer');
    const api = new HttpClient(server.baseUrl).withBearer(
      await bearerFor(server.baseUrl, officer.email),
    );
    const opensAt = new Date(Date.now() + 2500);
    const closesAt = new Date(Date.now() + 5000);
    const round = (
      await api.post(
        '/api/v1/rounds',
        diversionJson({
          code: 'NOW',
          opensAt: opensAt.toISOString(),
          closesAt: closesAt.toISOString(),
        }),
      )
    ).json();
    expect((await api.post(`/api/v1/rounds/${round.id}/schedule`)).json().status).toBe('scheduled');

    const statusNow = async () =>
      (await api.get(`/api/v1/rounds/${round.id}`)).json().status as string;
    await waitUntil(async () => (await statusNow()) === 'open', 15_000);
    const openedAt = Date.now();
    expect(openedAt).toBeGreaterThanOrEqual(opensAt.getTime());
    await waitUntil(async () => (await statusNow()) === 'closed', 15_000);
    expect(Date.now()).toBeGreaterThanOrEqual(closesAt.getTime());

    const audit = await ctx.dataSource
      .getRepository(AuditEvent)
      .find({ where: { subjectId: round.id }, order: { occurredAt: 'ASC' } });
    expect(audit.map((e) => e.action)).toEqual([
      'round.created',
      'round.scheduled',
      'round.opened',
      'round.closed',
    ]);
    expect(audit[2]).toMatchObject({
      actorType: 'system',
      before: { status: 'scheduled' },
      after: { status: 'open' },
    });
    expect(audit[2].occurredAt.getTime()).toBeGreaterThanOrEqual(opensAt.getTime());
    expect(audit[3].occurredAt.getTime()).toBeGreaterThanOrEqual(closesAt.getTime());
  });
});
