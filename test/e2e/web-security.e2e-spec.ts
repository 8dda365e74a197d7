import { loadConfig, SYSTEM_ACTOR } from '@grants/core';
import { ApplicantAuthService, StaffUser, StaffUsersService } from '@grants/identity';
import { jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { Ballot } from '@grants/ballots';
import { lastSignInCode } from '../factories/application.factory';
import { createOpenBallot } from '../factories/open-ballot.factory';
import { lastVotingCode } from '../factories/open-ballots.factory';
import { createVoteRound } from '../factories/vote-round.factory';
import { createStaff, TEST_PASSWORD } from '../factories/staff.factory';
import { HttpClient } from '../support/http-client';
import { routeTable } from '../support/route-table';
import { ServerProcess, startServer } from '../support/server-process';
import { SmtpSink, startSmtpSink } from '../support/smtp-sink';
import { signedInStaff } from '../support/staff-pages';
import { createTestContext, TestContext } from '../support/test-context';

jest.setTimeout(90_000);

const CSRF_REFUSAL = 'The form has expired or was sent from another site';

/** The jar HttpClient keeps to itself: a test plants and copies cookies as an attacker would. */
const jar = (client: HttpClient) => (client as unknown as { cookies: Map<string, string> }).cookies;

/** The Set-Cookie line for a cookie, from a response. */
const setCookieFor = (res: { headers: Headers }, name: string) =>
  res.headers.getSetCookie().find((c) => c.startsWith(`${name}=`));

/**
 * An applicant signs in through the pages with the emailed code (read from the outbox row);
 * `plant` runs once the sign-in page has given the browser its form token.
 */
async function applicantSignIn(
  ctx: TestContext,
  client: HttpClient,
  email: string,
  plant: () => void = () => {},
) {
  await client.getPage('/sign-in');
  plant();
  const asked = await client.postForm('/sign-in', { email });
  expect(asked.status).toBe(303);
  await client.getPage('/sign-in/code');
  return client.postForm('/sign-in/code', { code: await lastSignInCode(ctx.dataSource, email) });
}

describe('web security (issue 7)', () => {
  let ctx: TestContext;
  let server: ServerProcess;
  let everyRole: StaffUser;
  let assessor: StaffUser;

  beforeAll(async () => {
    ctx = await createTestContext();
    everyRole = await ctx.get(StaffUsersService).create(
      {
        email: `every-role-${Date.now()}@opcc.test`,
        displayName: 'Every role',
        roles: ['admin', 'grants-officer', 'decision-maker', 'assessor', 'finance'],
        password: TEST_PASSWORD,
      },
      SYSTEM_ACTOR,
    );
    assessor = await createStaff(ctx, 'assessor');
    server = await startServer({
      env: {
        RATE_LIMIT_PER_MINUTE: '100000',
        SIGN_IN_ATTEMPTS_PER_MINUTE: '100000',
        EMAIL_SENDS_PER_HOUR: '100000',
      },
    });
  }, 90_000);

  afterAll(async () => {
    await server?.stop();
    await ctx?.close();
  });

  it('refuses every form post with no token, a wrong token or another session’s token, and takes the right one', async () => {
    const staff = await signedInStaff(server.baseUrl, everyRole);
    const applicant = new HttpClient(server.baseUrl);
    const { requestId } = await ctx.get(ApplicantAuthService).requestCode('csrf@example.org.uk');
    const code = await lastSignInCode(ctx.dataSource, 'csrf@example.org.uk');
    jar(applicant).set(
      'grants_applicant',
      (await ctx.get(ApplicantAuthService).verifyCode(requestId, code, 'cookie')).token,
    );
    await applicant.getPage('/organisations/new');
    const stranger = new HttpClient(server.baseUrl);
    await stranger.getPage('/sign-in');
    const posts = routeTable(loadConfig(server.env))
      .filter((r) => r.method === 'POST' && !r.path.startsWith('/api/'))
      // Those that end the session go last, so the rest still have theirs.
      .sort((a, b) => Number(/sign-out/.test(a.path)) - Number(/sign-out/.test(b.path)));
    expect(posts.length).toBeGreaterThan(60);
    const failures: string[] = [];
    const auditCount = async () =>
      Number((await ctx.dataSource.query('SELECT count(*) AS n FROM audit_events'))[0].n);
    const before = await auditCount();

    const clients = posts.map((route) => {
      const kind = route.rule?.kind;
      const client = kind === 'staff' ? staff : kind === 'applicant' ? applicant : stranger;
      const path = route.path.replace(/:(\w+)/g, (_m, name: string) =>
        name === 'section' ? 'project' : randomUUID(),
      );
      return { route: route.route, path, client };
    });
    for (const { route, path, client } of clients) {
      const other = client === stranger ? staff : stranger;
      for (const [label, token] of [
        ['no token', undefined],
        ['a wrong token', 'forged-token'],
        ["another session's token", other.csrfToken],
      ] as const) {
        const res = await client.request('POST', path, {
          form: token === undefined ? { email: 'x@example.org' } : { _csrf: token },
        });
        if (res.status !== 403 || !res.text.includes(CSRF_REFUSAL))
          failures.push(`${route} with ${label}: ${res.status}`);
      }
    }
    // Nothing was done for a refused post.
    expect(await auditCount()).toBe(before);
    for (const { route, path, client } of clients) {
      const res = await client.postForm(path, {});
      if (res.status === 403 || res.text.includes(CSRF_REFUSAL))
        failures.push(`${route} with the right token: ${res.status}`);
    }
    expect(failures).toEqual([]);
  });

  // Sign-out ending the session on the server is proven for each kind of session elsewhere:
  // pages.e2e-spec.ts (staff pages), applicant-pages.e2e-spec.ts (applicant pages),
  // staff-auth-api.e2e-spec.ts and applicant-auth-api.e2e-spec.ts (bearer tokens).
  describe('session fixation', () => {
    it('gives staff a new session at sign-in, whatever session cookie the browser had', async () => {
      // The attacker's own (low) session, and a made-up id, planted in the victim's browser.
      const attacker = await signedInStaff(server.baseUrl, assessor);
      const planted = jar(attacker).get('grants_session')!;
      for (const fixed of [planted, 'attacker-chosen-session-id']) {
        const victim = new HttpClient(server.baseUrl);
        await victim.getPage('/staff/sign-in');
        jar(victim).set('grants_session', fixed);
        await victim.getPage('/staff/sign-in');
        const signedIn = await victim.postForm('/staff/sign-in', {
          email: everyRole.email,
          password: TEST_PASSWORD,
        });
        expect(signedIn.status).toBe(303);
        const after = victim.cookie('grants_session')!;
        expect(after).not.toBe(fixed);
        expect((await victim.getPage('/staff/rounds/new')).status).toBe(200);
      }
      // The planted session is still only the assessor's: signing in did not raise it.
      expect((await attacker.getPage('/staff/rounds')).status).toBe(200);
      expect((await attacker.getPage('/staff/rounds/new')).status).toBe(403);
    });

    it('gives an applicant a new session at sign-in, whatever session cookie the browser had', async () => {
      const attacker = new HttpClient(server.baseUrl);
      expect(
        (await applicantSignIn(ctx, attacker, `attacker-${Date.now()}@example.org.uk`)).status,
      ).toBe(303);
      const planted = jar(attacker).get('grants_applicant')!;
      for (const fixed of [planted, 'attacker-chosen-session-id']) {
        const victimEmail = `victim-${randomUUID()}@example.org.uk`;
        const victim = new HttpClient(server.baseUrl);
        const signedIn = await applicantSignIn(ctx, victim, victimEmail, () =>
          jar(victim).set('grants_applicant', fixed),
        );
        expect(signedIn.status).toBe(303);
        expect(victim.cookie('grants_applicant')).not.toBe(fixed);
        expect((await victim.getPage('/organisations')).text).toContain(victimEmail);
        // The planted session is still the attacker's, not the victim's.
        expect((await attacker.getPage('/organisations')).text).not.toContain(victimEmail);
      }
    });
  });

  describe('security headers', () => {
    const expectCommonHeaders = (res: Response | { headers: Headers }, what: string) => {
      const h = res.headers;
      expect({ what, csp: h.get('content-security-policy') }).toEqual({
        what,
        csp: expect.stringContaining("frame-ancestors 'none'"),
      });
      expect({ what, nosniff: h.get('x-content-type-options') }).toEqual({
        what,
        nosniff: 'nosniff',
      });
      expect({ what, frame: h.get('x-frame-options') }).toEqual({ what, frame: 'SAMEORIGIN' });
      expect({ what, referrer: h.get('referrer-policy') }).toEqual({
        what,
        referrer: 'no-referrer',
      });
      expect({ what, poweredBy: h.get('x-powered-by') }).toEqual({ what, poweredBy: null });
      // HSTS only in production (checked there): over plain HTTP in tests it means nothing.
      expect({ what, hsts: h.get('strict-transport-security') }).toEqual({ what, hsts: null });
    };

    it('sends them on a page, with a fresh nonce its scripts carry', async () => {
      const first = await fetch(`${server.baseUrl}/`, { headers: { accept: 'text/html' } });
      expectCommonHeaders(first, 'page');
      const csp = first.headers.get('content-security-policy')!;
      const nonce = /script-src [^;]*'nonce-([^']+)'/.exec(csp)?.[1];
      expect(nonce).toBeTruthy();
      expect(csp).not.toContain("'unsafe-inline'");
      const html = await first.text();
      const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
      expect(scripts.length).toBeGreaterThan(0);
      for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
      const second = await fetch(`${server.baseUrl}/`, { headers: { accept: 'text/html' } });
      expect(second.headers.get('content-security-policy')).not.toContain(nonce);
    });

    it('gives an API answer the headers of a page, its CSP without nonces', async () => {
      const page = await fetch(`${server.baseUrl}/`, { headers: { accept: 'text/html' } });
      const api = await fetch(`${server.baseUrl}/api/v1/funds`);
      const withoutNonces = (csp: string | null) => csp?.replace(/ 'nonce-[^']+'/g, '');
      expect(api.headers.get('content-security-policy')).toBe(
        withoutNonces(page.headers.get('content-security-policy')),
      );
      for (const name of [
        'cross-origin-opener-policy',
        'cross-origin-resource-policy',
        'origin-agent-cluster',
        'referrer-policy',
        'x-content-type-options',
        'x-dns-prefetch-control',
        'x-download-options',
        'x-frame-options',
        'x-permitted-cross-domain-policies',
        'x-xss-protection',
      ])
        expect({ name, value: api.headers.get(name) }).toEqual({
          name,
          value: page.headers.get(name),
        });
    });

    it('sends them on an API answer and on error answers', async () => {
      const api = await fetch(`${server.baseUrl}/api/v1/funds`);
      expect(api.status).toBe(200);
      expectCommonHeaders(api, 'API');
      const notFound = await fetch(`${server.baseUrl}/api/v1/nothing-here`);
      expect(notFound.status).toBe(404);
      expectCommonHeaders(notFound, 'API 404');
      const invalid = await fetch(`${server.baseUrl}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"email":',
      });
      expect(invalid.status).toBe(400);
      expectCommonHeaders(invalid, 'API 400');
      const pageNotFound = await fetch(`${server.baseUrl}/nothing-here`, {
        headers: { accept: 'text/html' },
      });
      expect(pageNotFound.status).toBe(404);
      expectCommonHeaders(pageNotFound, 'page 404');
      const csrf = await fetch(`${server.baseUrl}/sign-in`, {
        method: 'POST',
        headers: { accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
        body: 'email=a%40b.org',
      });
      expect(csrf.status).toBe(403);
      expectCommonHeaders(csrf, 'page 403');
    });
  });
});

describe('web security in production mode (NODE_ENV=production)', () => {
  let ctx: TestContext;
  let server: ServerProcess;
  let sink: SmtpSink;
  let officer: StaffUser;
  let ballot: Ballot;
  let choice: string;

  beforeAll(async () => {
    ctx = await createTestContext();
    officer = await createStaff(ctx, 'grants-officer');
    const { round, byArea } = await createVoteRound(ctx, 3);
    ballot = await createOpenBallot(ctx, round, 'Winterton', byArea['Winterton'], 'DN15 9');
    choice = byArea['Winterton'][0].id;
    sink = await startSmtpSink();
    server = await startServer({
      env: {
        NODE_ENV: 'production',
        SESSION_SECRET: 'a production secret for the web security test, not the default',
        SMTP_URL: sink.url,
      },
    });
  }, 90_000);

  afterAll(async () => {
    await server?.stop();
    await ctx?.close();
    await sink?.stop();
  });

  it('sends HSTS and asks the browser to upgrade insecure requests', async () => {
    for (const path of ['/', '/api/v1/funds', '/api/v1/nothing-here']) {
      const res = await fetch(server.baseUrl + path, { headers: { accept: 'text/html' } });
      expect({ path, hsts: res.headers.get('strict-transport-security') }).toEqual({
        path,
        hsts: expect.stringMatching(/max-age=\d{7,}; includeSubDomains/),
      });
      expect(res.headers.get('content-security-policy')).toContain('upgrade-insecure-requests');
      expect(res.headers.get('x-powered-by')).toBeNull();
    }
  });

  it('marks every cookie HttpOnly, SameSite=Lax and Secure, with its path', async () => {
    const cookies: Record<string, string | undefined> = {};
    const staff = new HttpClient(server.baseUrl);
    cookies.grants_csrf = setCookieFor(await staff.getPage('/staff/sign-in'), 'grants_csrf');
    const signIn = await staff.postForm('/staff/sign-in', {
      email: officer.email,
      password: TEST_PASSWORD,
    });
    expect(signIn.status).toBe(303);
    cookies.grants_session = setCookieFor(signIn, 'grants_session');

    const applicant = new HttpClient(server.baseUrl);
    const email = `cookies-${Date.now()}@example.org.uk`;
    await applicant.getPage('/sign-in');
    cookies.grants_sign_in = setCookieFor(
      await applicant.postForm('/sign-in', { email }),
      'grants_sign_in',
    );
    await applicant.getPage('/sign-in/code');
    cookies.grants_applicant = setCookieFor(
      await applicant.postForm('/sign-in/code', {
        code: await lastSignInCode(ctx.dataSource, email),
      }),
      'grants_applicant',
    );

    const voter = new HttpClient(server.baseUrl);
    const vote = `/vote/${ballot.id}`;
    await voter.getPage(`${vote}/email`);
    const voterEmail = `voter-${Date.now()}@example.org`;
    cookies.grants_vote_code = setCookieFor(
      await voter.postForm(`${vote}/email`, { email: voterEmail, postcode: 'DN15 9AB' }),
      'grants_vote_code',
    );
    await voter.getPage(`${vote}/code`);
    cookies.grants_voter = setCookieFor(
      await voter.postForm(`${vote}/code`, {
        code: await lastVotingCode(ctx.dataSource, voterEmail),
      }),
      'grants_voter',
    );
    await voter.getPage(`${vote}/choose`);
    cookies.grants_vote_choice = setCookieFor(
      await voter.postForm(`${vote}/choose`, { choice }),
      'grants_vote_choice',
    );
    await voter.getPage(`${vote}/check`);
    cookies.grants_vote_receipt = setCookieFor(
      await voter.postForm(`${vote}/check`, {}),
      'grants_vote_receipt',
    );

    const paths: Record<string, string> = {
      grants_csrf: '/',
      grants_session: '/',
      grants_sign_in: '/sign-in',
      grants_applicant: '/',
      grants_vote_code: '/vote',
      grants_voter: '/vote',
      grants_vote_choice: '/vote',
      grants_vote_receipt: '/vote',
    };
    expect(Object.keys(cookies)).toHaveLength(Object.keys(paths).length);
    for (const [name, line] of Object.entries(cookies)) {
      expect({ name, line }).toEqual({ name, line: expect.stringMatching(/; HttpOnly/i) });
      expect({ name, line }).toEqual({ name, line: expect.stringMatching(/; Secure/i) });
      expect({ name, line }).toEqual({ name, line: expect.stringMatching(/; SameSite=Lax/i) });
      expect({ name, line }).toEqual({
        name,
        line: expect.stringMatching(new RegExp(`; Path=${paths[name]}(;|$)`, 'i')),
      });
    }
  });
});
