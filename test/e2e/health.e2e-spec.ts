import { freePort, ServerProcess, startServer, waitUntil } from '../support/server-process';

describe('GET /health', () => {
  let server: ServerProcess;
  beforeAll(async () => {
    server = await startServer({ env: { LOG_LEVEL: 'info' } });
  });
  afterAll(() => server?.stop());

  it('is 200 with database and Redis up', async () => {
    const res = await fetch(`${server.baseUrl}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      status: 'ok',
      info: { database: { status: 'up' }, redis: { status: 'up' } },
    });
  });

  it('sends security headers and a request id', async () => {
    const res = await fetch(`${server.baseUrl}/`, { headers: { accept: 'text/html' } });
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    // A page without a form sets no cookie.
    expect(res.headers.get('set-cookie')).toBeNull();
  });

  it("logs each request as JSON with the caller's request id", async () => {
    await fetch(`${server.baseUrl}/api/v1/funds`, { headers: { 'x-request-id': 'trace-me-42' } });
    const completed = () =>
      server
        .output()
        .split('\n')
        .find((l) => l.includes('"reqId":"trace-me-42"') && l.includes('request completed'));
    await waitUntil(async () => completed() !== undefined, 5000);
    const line = completed();
    expect(JSON.parse(line!)).toMatchObject({ reqId: 'trace-me-42', res: { statusCode: 200 } });
  });

  it('answers 404 for an unknown route with a page or a coded error', async () => {
    const api = await fetch(`${server.baseUrl}/api/v1/nothing-here`);
    expect(api.status).toBe(404);
    expect(await api.json()).toMatchObject({ statusCode: 404, code: 'not_found' });
    const page = await fetch(`${server.baseUrl}/nothing-here`, {
      headers: { accept: 'text/html' },
    });
    expect(page.status).toBe(404);
    expect(await page.text()).toContain('Page not found');
  });
});

describe('GET /health with Redis unreachable', () => {
  let server: ServerProcess;
  beforeAll(async () => {
    server = await startServer({
      env: { REDIS_URL: `redis://127.0.0.1:${await freePort()}` },
      expectUnhealthy: true,
    });
  });
  afterAll(() => server?.stop());

  it('is 503 naming Redis as down, while the database is up and public pages still work', async () => {
    const res = await fetch(`${server.baseUrl}/health`);
    expect(res.status).toBe(503);
    const body = await res.json();
    expect(body).toMatchObject({
      status: 'error',
      info: { database: { status: 'up' } },
      error: { redis: { status: 'down' } },
    });
    expect((await fetch(`${server.baseUrl}/api/v1/funds`)).status).toBe(200);
  });
});
