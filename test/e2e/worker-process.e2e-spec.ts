import { createFund, diversionJson } from '../factories/round.factory';
import { bearerFor, createStaff } from '../factories/staff.factory';
import { HttpClient } from '../support/http-client';
import {
  AppProcess,
  freePort,
  ServerProcess,
  startServer,
  startWorker,
  waitUntil,
} from '../support/server-process';
import { createTestContext, TestContext } from '../support/test-context';

describe('the worker as its own process (as deployed)', () => {
  let server: ServerProcess;
  let worker: AppProcess;
  let ctx: TestContext;
  let healthPort: number;

  beforeAll(async () => {
    ctx = await createTestContext();
    server = await startServer({ withWorker: false });
    healthPort = await freePort();
    worker = await startWorker({
      ...server.env,
      RUN_WORKER_IN_SERVER: 'false',
      WORKER_HEALTH_PORT: String(healthPort),
    });
    await createFund(ctx);
  });
  afterAll(async () => {
    await worker?.stop();
    await server?.stop();
    await ctx?.close();
  });

  it('answers its health check', async () => {
    await waitUntil(
      async () =>
        (await fetch(`http://127.0.0.1:${healthPort}/health`).catch(() => null))?.status === 200,
      15_000,
      worker,
    );
    expect(await (await fetch(`http://127.0.0.1:${healthPort}/health`)).json()).toEqual({
      status: 'ok',
      database: 'up',
      redis: 'up',
    });
  });

  it('opens a round the server scheduled', async () => {
    const officer = await createStaff(ctx, 'grants-officer');
    const api = new HttpClient(server.baseUrl).withBearer(
      await bearerFor(server.baseUrl, officer.email),
    );
    const round = (
      await api.post(
        '/api/v1/rounds',
        diversionJson({ code: 'WRK', opensAt: new Date(Date.now() + 1500).toISOString() }),
      )
    ).json();
    await api.post(`/api/v1/rounds/${round.id}/schedule`);
    await waitUntil(
      async () => (await api.get(`/api/v1/rounds/${round.id}`)).json().status === 'open',
      15_000,
      worker,
    );
  });

  it('stops cleanly on SIGTERM', async () => {
    // Nest closes the BullMQ workers (waiting for jobs in hand), then re-raises the signal.
    expect(await worker.stop()).toBe('SIGTERM');
    expect(worker.output()).not.toMatch(/"level":("error"|"fatal"|50|60)/);
  });
});
