import { AuditEvent } from '@grants/core';
import { StaffAuthService, StaffSession, StaffUser, totpCodeAt } from '@grants/identity';
import { bearerFor, createStaff, TEST_PASSWORD } from '../factories/staff.factory';
import { HttpClient } from '../support/http-client';
import { ServerProcess, startServer } from '../support/server-process';
import { createTestContext, TestContext } from '../support/test-context';

const login = (client: HttpClient, email: string, password = TEST_PASSWORD, code?: string) =>
  client.post('/api/v1/auth/login', { email, password, ...(code ? { code } : {}) });

describe('staff sign-in through the API', () => {
  let server: ServerProcess;
  let ctx: TestContext;
  let client: HttpClient;

  beforeAll(async () => {
    ctx = await createTestContext();
    server = await startServer({ env: { SIGN_IN_ATTEMPTS_PER_MINUTE: '100' } });
    client = new HttpClient(server.baseUrl);
  });
  afterAll(async () => {
    await server?.stop();
    await ctx?.close();
  });

  it('gives a bearer token for the right password, and a new session each time', async () => {
    const user = await createStaff(ctx, 'grants-officer');
    const first = await login(client, user.email.toUpperCase());
    const second = await login(client, user.email);
    expect(first.status).toBe(200);
    expect(first.json()).toMatchObject({
      tokenType: 'Bearer',
      user: { email: user.email, roles: ['grants-officer'] },
    });
    expect(first.json().token).not.toBe(second.json().token);
    expect(await ctx.dataSource.getRepository(StaffSession).countBy({ staffUserId: user.id })).toBe(
      2,
    );
  });

  it('gives the same answer for a wrong password and an unknown email', async () => {
    const user = await createStaff(ctx, 'assessor');
    const wrong = await login(client, user.email, 'not-the-password');
    const unknown = await login(client, 'nobody@opcc.test', 'not-the-password');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
  });

  it('locks the account after 5 wrong passwords, even for the right one, and audits it', async () => {
    const user = await createStaff(ctx, 'finance');
    for (let i = 0; i < 5; i += 1)
      expect((await login(client, user.email, `wrong-${i}`)).status).toBe(401);
    expect((await login(client, user.email)).status).toBe(401);
    const locked = await ctx.dataSource.getRepository(StaffUser).findOneByOrFail({ id: user.id });
    expect(locked.lockedUntil!.getTime()).toBeGreaterThan(Date.now() + 14 * 60_000);
    const actions = (
      await ctx.dataSource.getRepository(AuditEvent).findBy({ subjectId: user.id })
    ).map((e) => e.action);
    expect(actions.filter((a) => a === 'staff.sign-in-failed')).toHaveLength(4);
    expect(actions).toContain('staff.locked-out');
  });

  it('revokes the token at sign-out', async () => {
    const user = await createStaff(ctx, 'admin');
    const token = await bearerFor(server.baseUrl, user.email);
    const staff = client.withBearer(token);
    expect((await staff.get('/api/v1/rounds')).status).toBe(200);
    expect((await staff.post('/api/v1/auth/logout')).status).toBe(204);
    expect((await staff.post('/api/v1/rounds', {})).status).toBe(401);
  });

  it('needs the authenticator code for a user with a second factor, and refuses a replayed code', async () => {
    const user = await createStaff(ctx, 'decision-maker');
    const auth = ctx.get(StaffAuthService);
    const { secret } = await auth.beginTotpSetup(user);
    await auth.confirmTotpSetup(user, totpCodeAt(secret, Date.now()));
    expect((await login(client, user.email)).json()).toMatchObject({
      statusCode: 401,
      code: 'mfa_code_invalid',
    });
    const code = totpCodeAt(secret, Date.now() + 30_000);
    const ok = await login(client, user.email, TEST_PASSWORD, code);
    expect(ok.status).toBe(200);
    expect((await login(client, user.email, TEST_PASSWORD, code)).status).toBe(401);
  });

  it('locks the account after 5 wrong authenticator codes; the right code then fails too', async () => {
    const user = await createStaff(ctx, 'grants-officer');
    const auth = ctx.get(StaffAuthService);
    const { secret } = await auth.beginTotpSetup(user);
    await auth.confirmTotpSetup(user, totpCodeAt(secret, Date.now()));
    for (let i = 0; i < 5; i += 1)
      expect((await login(client, user.email, TEST_PASSWORD, '000000')).status).toBe(401);
    const right = await login(
      client,
      user.email,
      TEST_PASSWORD,
      totpCodeAt(secret, Date.now() + 30_000),
    );
    expect(right.status).toBe(401);
    const waiting = await ctx.dataSource
      .getRepository(StaffSession)
      .findBy({ staffUserId: user.id, mfaPending: true });
    expect(waiting.every((s) => s.revokedAt !== null)).toBe(true);
  });

  it('keeps page sessions and API tokens apart', async () => {
    const user = await createStaff(ctx, 'grants-officer');
    const page = new HttpClient(server.baseUrl);
    await page.getPage('/staff/sign-in');
    expect(
      (await page.postForm('/staff/sign-in', { email: user.email, password: TEST_PASSWORD }))
        .status,
    ).toBe(303);
    const cookieToken = page.cookie('grants_session')!;
    expect((await client.withBearer(cookieToken).post('/api/v1/funds', {})).status).toBe(401);
    const bearer = await bearerFor(server.baseUrl, user.email);
    const res = await client.request('GET', '/staff/rounds', {
      headers: { accept: 'text/html', cookie: `grants_session=${bearer}` },
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toMatch(/^\/staff\/sign-in/);
  });
});

describe('staff sign-in limits and required second factor', () => {
  let server: ServerProcess;
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await createTestContext();
    server = await startServer({
      env: { REQUIRE_STAFF_MFA: 'true', SIGN_IN_ATTEMPTS_PER_MINUTE: '5' },
    });
  });
  afterAll(async () => {
    await server?.stop();
    await ctx?.close();
  });

  it('makes an admin without a second factor set one up before anything else', async () => {
    const admin = await createStaff(ctx, 'admin');
    const client = new HttpClient(server.baseUrl).withBearer(
      await bearerFor(server.baseUrl, admin.email),
    );
    const res = await client.get('/api/v1/rounds?status=draft');
    expect(res.status).toBe(200); // public route: still readable
    const write = await client.post('/api/v1/rounds', {});
    expect(write.status).toBe(403);
    expect(write.json().code).toBe('mfa_setup_required');
  });

  it('rate-limits sign-in attempts from one address', async () => {
    const client = new HttpClient(server.baseUrl);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1)
      statuses.push((await login(client, 'nobody@opcc.test', 'x')).status);
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429]); // one sign-in above was the admin's
    const limited = await login(client, 'nobody@opcc.test', 'x');
    expect(limited.json()).toMatchObject({ statusCode: 429, code: 'too_many_requests' });
    expect(limited.headers.get('retry-after')).toBeTruthy();
  });
});
