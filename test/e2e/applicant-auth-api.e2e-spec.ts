import { OutboundEmail } from '@grants/core';
import { ApplicantSession, EmailSignInRequest } from '@grants/identity';
import {
  codeInMail,
  isSignInMail,
  newApplicantEmail,
  signInByApi,
  waitForMail,
} from '../factories/applicant-api.factory';
import { bearerFor, createStaff } from '../factories/staff.factory';
import { HttpClient } from '../support/http-client';
import { ServerProcess, startServer } from '../support/server-process';
import { SmtpSink, startSmtpSink } from '../support/smtp-sink';
import { createTestContext, TestContext } from '../support/test-context';

/**
 * Applicants' passwordless sign-in over the API, with the codes read from the emails a real
 * SMTP server (run by the test) receives from the server process.
 */
describe('applicant sign-in by emailed code (API)', () => {
  const EMAILS_PER_HOUR = 3;
  let sink: SmtpSink;
  let server: ServerProcess;
  let ctx: TestContext;
  let ipCounter = 0;
  /** Each test comes from its own client address (TRUST_PROXY), so per-address limits stay apart. */
  const newIp = () => `198.51.100.${++ipCounter}`;

  const post = (path: string, json: unknown, ip: string) =>
    new HttpClient(server.baseUrl).request('POST', path, {
      json,
      headers: { 'x-forwarded-for': ip },
    });
  const askCode = (email: unknown, ip: string) => post('/api/v1/auth/email-code', { email }, ip);
  const verify = (requestId: unknown, code: unknown, ip: string) =>
    post('/api/v1/auth/email-code/verify', { requestId, code }, ip);
  /** Asks for a code and returns the request id with the code from the email that arrived. */
  const codeFor = async (email: string, ip: string) => {
    const before = sink.to(email).filter(isSignInMail).length;
    const asked = await askCode(email, ip);
    expect(asked.status).toBe(202);
    const mails = await waitForMail(sink, email, isSignInMail, before + 1);
    return { requestId: asked.json().requestId as string, code: codeInMail(mails[before]) };
  };
  const otherCode = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

  beforeAll(async () => {
    sink = await startSmtpSink();
    ctx = await createTestContext();
    server = await startServer({
      withWorker: true,
      env: {
        SMTP_URL: sink.url,
        TRUST_PROXY: 'true',
        EMAIL_SENDS_PER_HOUR: String(EMAILS_PER_HOUR),
        SIGN_IN_ATTEMPTS_PER_MINUTE: '100',
      },
    });
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
    await ctx?.close();
    await sink?.stop();
  });

  it('emails a code that gives a bearer token; the token works until sign-out', async () => {
    const ip = newIp();
    const email = newApplicantEmail();
    const asked = await askCode(`  ${email.toUpperCase()} `, ip);
    expect(asked.status).toBe(202);
    expect(asked.json()).toEqual({
      requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      expiresInSeconds: 600,
      message: expect.stringContaining('6-digit code'),
    });

    const [mail] = await waitForMail(sink, email, isSignInMail);
    const code = codeInMail(mail);
    expect(mail.text).toContain(code);
    expect(mail.text).toContain('/sign-in/link?token=');
    expect(mail.html).toContain(code);

    const verified = await verify(asked.json().requestId, code.replace(/^(\d{3})/, '$1 '), ip);
    expect(verified.status).toBe(200);
    const body = verified.json();
    expect(body).toEqual({
      token: expect.stringMatching(/^ap\./),
      tokenType: 'Bearer',
      expiresAt: expect.any(String),
      applicant: { id: expect.any(String), email },
    });
    expect(new Date(body.expiresAt).getTime()).toBeGreaterThan(Date.now());
    const session = await ctx.dataSource
      .getRepository(ApplicantSession)
      .findOneByOrFail({ applicantId: body.applicant.id });
    expect(session.kind).toBe('bearer');
    expect(session.tokenHash).not.toContain(body.token);

    const me = new HttpClient(server.baseUrl).withBearer(body.token);
    expect((await me.get('/api/v1/applications')).json()).toEqual({ applications: [] });
    expect((await me.post('/api/v1/auth/applicant-logout')).status).toBe(204);
    const after = await me.get('/api/v1/applications');
    expect(after.status).toBe(401);
    expect(after.json().code).toBe('unauthenticated');
  });

  it('answers a never-seen address and a known one the same way', async () => {
    const known = await signInByApi(server.baseUrl, sink, newApplicantEmail('known'), {
      'x-forwarded-for': newIp(),
    });
    const unknownEmail = newApplicantEmail('never-seen');
    const ip = newIp();
    const forKnown = await askCode(known.email, ip);
    const forUnknown = await askCode(unknownEmail, ip);
    expect(forKnown.status).toBe(202);
    expect(forUnknown.status).toBe(202);
    const { requestId: a, ...knownRest } = forKnown.json();
    const { requestId: b, ...unknownRest } = forUnknown.json();
    expect(knownRest).toEqual(unknownRest);
    expect(a).not.toBe(b);
    expect(forKnown.headers.get('content-type')).toBe(forUnknown.headers.get('content-type'));
    // Both get a code; neither email says whether there is an account.
    const [knownMail] = (await waitForMail(sink, known.email, isSignInMail, 2)).slice(1);
    const [unknownMail] = await waitForMail(sink, unknownEmail, isSignInMail);
    expect(knownMail.text.replace(/\d{6}|token=\S+|until [^(]+/g, '')).toBe(
      unknownMail.text.replace(/\d{6}|token=\S+|until [^(]+/g, ''),
    );
  });

  it('locks the request after 5 wrong codes, even for the right code', async () => {
    const ip = newIp();
    const email = newApplicantEmail();
    const { requestId, code } = await codeFor(email, ip);
    for (let i = 1; i <= 5; i += 1) {
      const wrong = await verify(requestId, otherCode(code), ip);
      expect(wrong.status).toBe(401);
      expect(wrong.json()).toMatchObject({
        code: 'sign_in_code_invalid',
        errors: [{ field: 'code', message: expect.any(String) }],
      });
      if (i === 4) expect(wrong.json().message).toContain('1 try left');
    }
    const right = await verify(requestId, code, ip);
    expect(right.status).toBe(401);
    expect(right.json().code).toBe('sign_in_code_locked');
    const request = await ctx.dataSource
      .getRepository(EmailSignInRequest)
      .findOneByOrFail({ id: requestId });
    expect(request.failedAttempts).toBe(5);
    expect(request.usedAt).toBeNull();
    expect(
      await ctx.dataSource
        .getRepository(ApplicantSession)
        .count({ where: { applicant: { email } } }),
    ).toBe(0);
  });

  it('refuses an expired code', async () => {
    const ip = newIp();
    const { requestId, code } = await codeFor(newApplicantEmail(), ip);
    await ctx.dataSource.query(
      `UPDATE email_sign_in_requests SET expires_at = now() - interval '1 second' WHERE id = $1`,
      [requestId],
    );
    const res = await verify(requestId, code, ip);
    expect(res.status).toBe(401);
    expect(res.json()).toMatchObject({
      code: 'sign_in_code_expired',
      message: expect.stringContaining('10 minutes'),
    });
  });

  it('takes a code once', async () => {
    const ip = newIp();
    const { requestId, code } = await codeFor(newApplicantEmail(), ip);
    expect((await verify(requestId, code, ip)).status).toBe(200);
    const again = await verify(requestId, code, ip);
    expect(again.status).toBe(401);
    expect(again.json().code).toBe('sign_in_code_used');
  });

  it('binds a code to its request: the code of one request does not open another', async () => {
    const ip = newIp();
    const email = newApplicantEmail();
    const first = await codeFor(email, ip);
    const second = await codeFor(email, ip);
    if (first.code !== second.code) {
      const crossed = await verify(second.requestId, first.code, ip);
      expect(crossed.status).toBe(401);
      expect(crossed.json().code).toBe('sign_in_code_invalid');
    }
    expect((await verify(second.requestId, second.code, ip)).status).toBe(200);
  });

  it(`limits codes per email address to EMAIL_SENDS_PER_HOUR (${EMAILS_PER_HOUR}), from however many client addresses`, async () => {
    const email = newApplicantEmail('flooded');
    for (let i = 0; i < EMAILS_PER_HOUR; i += 1)
      expect((await askCode(i % 2 ? email.toUpperCase() : email, newIp())).status).toBe(202);
    const refused = await askCode(email, newIp());
    expect(refused.status).toBe(429);
    expect(refused.json().code).toBe('too_many_requests');
    expect(refused.headers.get('retry-after')).toBeTruthy();
    await waitForMail(sink, email, isSignInMail, EMAILS_PER_HOUR);
    expect(await ctx.dataSource.getRepository(OutboundEmail).countBy({ toAddress: email })).toBe(
      EMAILS_PER_HOUR,
    );
  });

  it(`limits codes per client address to EMAIL_SENDS_PER_HOUR (${EMAILS_PER_HOUR})`, async () => {
    const ip = newIp();
    for (let i = 0; i < EMAILS_PER_HOUR; i += 1)
      expect((await askCode(newApplicantEmail(), ip)).status).toBe(202);
    expect((await askCode(newApplicantEmail(), ip)).status).toBe(429);
  });

  it('refuses bad input with a code and the field', async () => {
    const cases: [unknown, number, string, string | undefined][] = [
      [{}, 422, 'validation_failed', 'email'],
      [{ email: 'not an address' }, 422, 'validation_failed', 'email'],
      [{ email: 12345 }, 422, 'validation_failed', 'email'],
      [{ email: `${'a'.repeat(250)}@example.org` }, 422, 'validation_failed', 'email'],
      [{ email: newApplicantEmail(), admin: true }, 422, 'validation_failed', 'admin'],
    ];
    for (const [json, status, code, field] of cases) {
      const res = await post('/api/v1/auth/email-code', json, newIp());
      expect({ json, status: res.status, code: res.json().code }).toEqual({ json, status, code });
      expect(res.json().errors?.[0]?.field).toBe(field);
    }
    const ip = newIp();
    const notUuid = await verify('not-a-request', '123456', ip);
    expect(notUuid.status).toBe(401);
    expect(notUuid.json().code).toBe('sign_in_code_unknown');
    const unknown = await verify('6f1c2b8e-1d2c-4c1e-9d3a-5b7e8f9a0b1c', '123456', ip);
    expect(unknown.json().code).toBe('sign_in_code_unknown');
    const letters = await verify('6f1c2b8e-1d2c-4c1e-9d3a-5b7e8f9a0b1c', 'abcdef', ip);
    expect(letters.status).toBe(422);
    expect(letters.json().errors).toEqual([{ field: 'code', message: expect.any(String) }]);
    const missing = await post('/api/v1/auth/email-code/verify', {}, ip);
    expect(missing.status).toBe(422);
    expect(missing.json().errors.map((e: { field: string }) => e.field)).toEqual([
      'requestId',
      'code',
    ]);
    const notJson = await new HttpClient(server.baseUrl).request(
      'POST',
      '/api/v1/auth/email-code',
      { headers: { 'content-type': 'application/xml', 'x-forwarded-for': newIp() } },
    );
    expect(notJson.status).toBe(415);
    expect(notJson.json().code).toBe('unsupported_media_type');
  });

  it('signs out only applicant tokens: a staff token is refused', async () => {
    const officer = await createStaff(ctx, 'grants-officer');
    const staff = new HttpClient(server.baseUrl).withBearer(
      await bearerFor(server.baseUrl, officer.email),
    );
    const res = await staff.post('/api/v1/auth/applicant-logout');
    expect(res.status).toBe(401);
    expect(
      (await new HttpClient(server.baseUrl).post('/api/v1/auth/applicant-logout')).status,
    ).toBe(401);
  });
});
