import { AuditEvent, OutboundEmail } from '@grants/core';
import { Fund } from '@grants/funds';
import { FundSubscription, SUBSCRIBE_MESSAGE } from '@grants/subscriptions';
import { randomBytes } from 'node:crypto';
import { CRF, createFund } from '../factories/round.factory';
import { HttpClient } from '../support/http-client';
import { ServerProcess, startServer, waitUntil } from '../support/server-process';
import { SmtpSink, startSmtpSink } from '../support/smtp-sink';
import { createTestContext, TestContext } from '../support/test-context';

/**
 * Email updates, double opt-in, through the real server and worker (one process here) sending
 * over SMTP to a server run by the test.
 */
describe('email updates (double opt-in) over real SMTP', () => {
  const EMAILS_PER_HOUR = 5;
  let sink: SmtpSink;
  let server: ServerProcess;
  let ctx: TestContext;
  let fund: Fund;
  let ipCounter = 0;

  const unique = () => randomBytes(4).toString('hex');
  const newAddress = (who = 'resident') => `${who}-${unique()}@winterton.example`;
  /** Each test comes from its own client address (TRUST_PROXY), so per-address limits stay apart. */
  const newIp = () => `203.0.113.${++ipCounter}`;

  const api = new (class {
    client = () => new HttpClient(server.baseUrl);
    post(path: string, json: unknown, ip: string) {
      return this.client().request('POST', path, { json, headers: { 'x-forwarded-for': ip } });
    }
  })();
  const subscribe = (email: unknown, ip: string, slug = fund.slug) =>
    api.post(`/api/v1/funds/${slug}/subscriptions`, { email }, ip);

  const subscription = (email: string) =>
    ctx.dataSource.getRepository(FundSubscription).findOneBy({ fundId: fund.id, email });
  const outboxTo = (email: string) =>
    ctx.dataSource.getRepository(OutboundEmail).find({
      where: { toAddress: email },
      order: { createdAt: 'ASC' },
    });
  const linkIn = (text: string, path: string) => {
    const match = new RegExp(`(http://\\S+${path}\\?token=\\S+)`).exec(text);
    if (!match) throw new Error(`No ${path} link in:\n${text}`);
    return new URL(match[1]);
  };
  /** Waits until every outbox row for the address is sent and the sink has them all. */
  const settled = async (email: string, expected: number) => {
    await waitUntil(async () => {
      const rows = await outboxTo(email);
      return (
        rows.length === expected &&
        rows.every((r) => r.status === 'sent') &&
        sink.to(email).length === expected
      );
    }, 20_000);
  };

  beforeAll(async () => {
    sink = await startSmtpSink();
    ctx = await createTestContext();
    server = await startServer({
      withWorker: true,
      env: {
        SMTP_URL: sink.url,
        TRUST_PROXY: 'true',
        EMAIL_SENDS_PER_HOUR: String(EMAILS_PER_HOUR),
      },
    });
    // Names of its own, so other test files' data (same database) never clash with it.
    const suffix = randomBytes(2).toString('hex');
    fund = await createFund(ctx, {
      ...CRF,
      slug: `${CRF.slug}-${suffix}`,
      code: `CRF${suffix.toUpperCase()}`,
    });
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
    await ctx?.close();
    await sink?.stop();
  });

  it('sends one confirmation email; its link confirms; a confirmed address is sent nothing and told the same', async () => {
    const ip = newIp();
    const email = newAddress();
    const first = await subscribe(`  ${email.toUpperCase()} `, ip);
    expect(first.status).toBe(202);
    expect(first.json()).toEqual({ message: SUBSCRIBE_MESSAGE });

    await settled(email, 1);
    const [mail] = sink.to(email);
    expect(mail.subject).toBe(`Confirm you want emails about ${fund.name}`);
    expect(mail.messageId).toMatch(/^<[0-9a-f-]{36}@127\.0\.0\.1>$/);
    const confirmLink = linkIn(mail.text, '/subscriptions/confirm');
    const unsubscribeLink = linkIn(mail.text, '/subscriptions/unsubscribe');
    expect(mail.headers['list-unsubscribe']).toBe(`<${unsubscribeLink.href}>`);
    expect(mail.html).toContain(`href="${confirmLink.href}"`);
    expect(mail.text).toContain("If this wasn't you, ignore this email");
    expect((await subscription(email))?.status).toBe('pending');
    // Only the hash of the token is stored.
    const token = confirmLink.searchParams.get('token')!;
    expect((await subscription(email))?.confirmTokenHash).not.toContain(token);

    // A mail scanner fetching the link changes nothing: the page only shows a button.
    const browser = new HttpClient(server.baseUrl);
    const page = await browser.getPage(confirmLink.pathname + confirmLink.search);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Confirm you want emails about new rounds');
    expect(page.text).toContain(fund.name);
    expect((await subscription(email))?.status).toBe('pending');

    const confirmed = await browser.postForm('/subscriptions/confirm', { token });
    expect(confirmed.status).toBe(200);
    expect(confirmed.text).toContain('Email updates confirmed');
    const row = await subscription(email);
    expect(row?.status).toBe('confirmed');
    expect(row?.confirmedAt).toBeInstanceOf(Date);
    const actions = (
      await ctx.dataSource.getRepository(AuditEvent).find({
        where: { subjectType: 'fund-subscription', subjectId: row!.id },
        order: { occurredAt: 'ASC' },
      })
    ).map((e) => e.action);
    expect(actions).toEqual(['subscription.requested', 'subscription.confirmed']);

    // Following the link again is fine and changes nothing.
    expect((await browser.postForm('/subscriptions/confirm', { token })).status).toBe(200);

    // Asking again for a confirmed address: the same answer as for a new one, and no email.
    const again = await subscribe(email, ip);
    const stranger = await subscribe(newAddress('stranger'), ip);
    expect(again.status).toBe(202);
    expect(stranger.status).toBe(202);
    expect(again.json()).toEqual(stranger.json());
    expect(again.text).toBe(stranger.text);
    expect(await outboxTo(email)).toHaveLength(1);
    await settled(email, 1);
    expect(sink.to(email)).toHaveLength(1);
  });

  it('resends to a pending address only after a minute, with a new link that replaces the old', async () => {
    const ip = newIp();
    const email = newAddress();
    expect((await subscribe(email, ip)).status).toBe(202);
    expect((await subscribe(email, ip)).status).toBe(202);
    await settled(email, 1);

    // A minute later (moved back rather than waited for) a second request sends a new link.
    await ctx.dataSource.query(
      `UPDATE fund_subscriptions SET confirm_sent_at = now() - interval '2 minutes' WHERE email = $1`,
      [email],
    );
    expect((await subscribe(email, ip)).status).toBe(202);
    await settled(email, 2);
    const [oldMail, newMail] = sink.to(email);
    const oldToken = linkIn(oldMail.text, '/subscriptions/confirm').searchParams.get('token');
    const newToken = linkIn(newMail.text, '/subscriptions/confirm').searchParams.get('token');
    expect(newToken).not.toBe(oldToken);

    const stale = await api.post('/api/v1/subscriptions/confirm', { token: oldToken }, ip);
    expect(stale.status).toBe(404);
    expect(stale.json()).toMatchObject({ code: 'subscription_link_invalid' });
    expect(stale.json().message).toMatch(/ask for email updates again/);
    const good = await api.post('/api/v1/subscriptions/confirm', { token: newToken }, ip);
    expect(good.status).toBe(200);
    expect(good.json()).toMatchObject({
      status: 'confirmed',
      fund: { name: fund.name, slug: fund.slug },
    });
    expect((await subscription(email))?.status).toBe('confirmed');
  });

  it('refuses a confirmation link older than 7 days and says to ask again', async () => {
    const ip = newIp();
    const email = newAddress();
    await subscribe(email, ip);
    await settled(email, 1);
    const link = linkIn(sink.to(email)[0].text, '/subscriptions/confirm');
    await ctx.dataSource.query(
      `UPDATE fund_subscriptions SET confirm_sent_at = now() - interval '7 days 1 minute' WHERE email = $1`,
      [email],
    );

    const viaApi = await api.post(
      '/api/v1/subscriptions/confirm',
      { token: link.searchParams.get('token') },
      ip,
    );
    expect(viaApi.status).toBe(410);
    expect(viaApi.json()).toMatchObject({ code: 'subscription_link_expired' });
    expect(viaApi.json().message).toMatch(/Ask for email updates again/);
    const page = await new HttpClient(server.baseUrl).getPage(link.pathname + link.search);
    expect(page.status).toBe(410);
    expect(page.text).toContain('This link has expired');
    expect((await subscription(email))?.status).toBe('pending');
  });

  it('unsubscribes from the link in any email (GET shows a button), idempotently; the old confirm link cannot undo it', async () => {
    const ip = newIp();
    const email = newAddress();
    await subscribe(email, ip);
    await settled(email, 1);
    const mail = sink.to(email)[0];
    const confirmToken = linkIn(mail.text, '/subscriptions/confirm').searchParams.get('token');
    const unsubscribeLink = linkIn(mail.text, '/subscriptions/unsubscribe');
    await api.post('/api/v1/subscriptions/confirm', { token: confirmToken }, ip);
    expect((await subscription(email))?.status).toBe('confirmed');

    const browser = new HttpClient(server.baseUrl);
    const page = await browser.getPage(unsubscribeLink.pathname + unsubscribeLink.search);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Unsubscribe from emails about new rounds');
    expect((await subscription(email))?.status).toBe('confirmed');

    const token = unsubscribeLink.searchParams.get('token')!;
    const done = await browser.postForm('/subscriptions/unsubscribe', { token });
    expect(done.status).toBe(200);
    expect(done.text).toContain('You have unsubscribed');
    expect((await subscription(email))?.status).toBe('unsubscribed');
    const again = await api.post('/api/v1/subscriptions/unsubscribe', { token }, ip);
    expect(again.status).toBe(200);
    expect(again.json()).toMatchObject({ status: 'unsubscribed' });

    const resurrect = await api.post('/api/v1/subscriptions/confirm', { token: confirmToken }, ip);
    expect(resurrect.status).toBe(404);
    expect((await subscription(email))?.status).toBe('unsubscribed');
    const row = await subscription(email);
    const actions = (
      await ctx.dataSource
        .getRepository(AuditEvent)
        .find({ where: { subjectId: row!.id }, order: { occurredAt: 'ASC' } })
    ).map((e) => e.action);
    expect(actions).toEqual([
      'subscription.requested',
      'subscription.confirmed',
      'subscription.unsubscribed',
    ]);
  });

  it('the form: error summary and inline error for a bad address, then "Check your email"', async () => {
    const browser = new HttpClient(server.baseUrl);
    const form = await browser.getPage(`/funds/${fund.slug}/email-updates`);
    expect(form.status).toBe(200);
    expect(form.text).toContain('Get emails about new rounds');
    expect(form.text).toContain('name="_csrf"');
    expect(form.text).toMatch(/<input[^>]+id="email"[^>]+type="email"/);

    const before = await ctx.dataSource
      .getRepository(FundSubscription)
      .countBy({ fundId: fund.id });
    const bad = await browser.request('POST', `/funds/${fund.slug}/email-updates`, {
      form: { _csrf: browser.csrfToken, email: 'not-an-email' },
      headers: { 'x-forwarded-for': newIp() },
    });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('<title>Error: Get emails about new rounds');
    expect(bad.text).toContain('govuk-error-summary');
    expect(bad.text).toContain('href="#email"');
    expect(bad.text).toMatch(/id="email-error"[\s\S]*Enter an email address in the correct format/);
    expect(bad.text).toContain('value="not-an-email"');
    expect(await ctx.dataSource.getRepository(FundSubscription).countBy({ fundId: fund.id })).toBe(
      before,
    );

    const email = newAddress();
    const good = await browser.request('POST', `/funds/${fund.slug}/email-updates`, {
      form: { _csrf: browser.csrfToken, email },
      headers: { 'x-forwarded-for': newIp() },
    });
    expect(good.status).toBe(200);
    expect(good.text).toContain('Check your email');
    expect(good.text).toContain(email);
    expect((await subscription(email))?.status).toBe('pending');
    await settled(email, 1);

    // Without the form's CSRF token nothing is written.
    const forged = await new HttpClient(server.baseUrl).request(
      'POST',
      `/funds/${fund.slug}/email-updates`,
      { form: { email: newAddress('forged') }, headers: { 'x-forwarded-for': newIp() } },
    );
    expect(forged.status).toBe(403);

    expect((await browser.getPage('/funds/no-such-fund/email-updates')).status).toBe(404);
    expect((await browser.getPage('/subscriptions/confirm?token=nonsense')).status).toBe(404);
    expect((await browser.getPage('/subscriptions/unsubscribe')).status).toBe(404);
  });

  it('refuses bad input with a field error and writes nothing; an unknown fund is 404', async () => {
    const count = () => ctx.dataSource.getRepository(FundSubscription).countBy({ fundId: fund.id });
    const before = await count();

    for (const email of ['not-an-email', 'name@', '', 42]) {
      const res = await subscribe(email, newIp());
      expect(res.status).toBe(422);
      expect(res.json()).toMatchObject({
        code: 'validation_failed',
        errors: [{ field: 'email', message: expect.stringMatching(/email address/) }],
      });
    }
    const nullEmail = await subscribe(null, newIp());
    expect(nullEmail.json()).toMatchObject({
      code: 'validation_failed',
      errors: [{ field: 'email' }],
    });
    const extra = await api.post(
      `/api/v1/funds/${fund.slug}/subscriptions`,
      { email: newAddress(), status: 'confirmed' },
      newIp(),
    );
    expect(extra.status).toBe(422);
    expect(extra.json().errors[0].field).toBe('status');
    expect(await count()).toBe(before);
    expect(await outboxTo('not-an-email')).toHaveLength(0);

    const unknownFund = await subscribe(newAddress(), newIp(), 'no-such-fund');
    expect(unknownFund.status).toBe(404);
    expect(unknownFund.json()).toMatchObject({ code: 'not_found' });

    const junk = await api.post(
      '/api/v1/subscriptions/confirm',
      { token: 'x'.repeat(60) },
      newIp(),
    );
    expect(junk.status).toBe(404);
    expect(junk.json()).toMatchObject({ code: 'subscription_link_invalid' });
    const missing = await api.post('/api/v1/subscriptions/confirm', {}, newIp());
    expect(missing.status).toBe(422);
    expect(missing.json().errors[0].field).toBe('token');
    const noSuchUnsubscribe = await api.post(
      '/api/v1/subscriptions/unsubscribe',
      { token: 'A'.repeat(43) },
      newIp(),
    );
    expect(noSuchUnsubscribe.status).toBe(404);
    expect(noSuchUnsubscribe.json()).toMatchObject({ code: 'unsubscribe_link_invalid' });
  });

  it('is described in the OpenAPI document under the subscriptions tag', async () => {
    const res = await new HttpClient(server.baseUrl).get('/api/docs-json');
    expect({ status: res.status, body: res.status === 200 ? 'ok' : res.text }).toEqual({
      status: 200,
      body: 'ok',
    });
    const doc = res.json();
    for (const path of [
      '/api/v1/funds/{slug}/subscriptions',
      '/api/v1/subscriptions/confirm',
      '/api/v1/subscriptions/unsubscribe',
    ])
      expect(doc.paths[path]?.post?.tags).toEqual(['subscriptions']);
    expect(doc.components.schemas.SubscribeDto.required).toEqual(['email']);
  });

  it('limits requests per client address and per email address (429), writing nothing over the limit', async () => {
    // One client address asking for many email addresses.
    const ip = newIp();
    for (let i = 0; i < EMAILS_PER_HOUR; i += 1)
      expect((await subscribe(newAddress('flood'), ip)).status).toBe(202);
    const overIp = newAddress('flood');
    const limited = await subscribe(overIp, ip);
    expect(limited.status).toBe(429);
    expect(await subscription(overIp)).toBeNull();

    // One email address asked for from many client addresses (the API and the form share the count).
    const target = newAddress('target');
    for (let i = 0; i < EMAILS_PER_HOUR - 1; i += 1)
      expect((await subscribe(target, newIp())).status).toBe(202);
    const browser = new HttpClient(server.baseUrl);
    await browser.getPage(`/funds/${fund.slug}/email-updates`);
    const viaForm = await browser.request('POST', `/funds/${fund.slug}/email-updates`, {
      form: { _csrf: browser.csrfToken, email: target },
      headers: { 'x-forwarded-for': newIp() },
    });
    expect(viaForm.status).toBe(200);
    const overEmail = await subscribe(target.toUpperCase(), newIp());
    expect(overEmail.status).toBe(429);
    const overForm = await browser.request('POST', `/funds/${fund.slug}/email-updates`, {
      form: { _csrf: browser.csrfToken, email: target },
      headers: { 'x-forwarded-for': newIp() },
    });
    expect(overForm.status).toBe(429);
    // Repeats within a minute never sent more than the first confirmation email.
    expect(await outboxTo(target)).toHaveLength(1);
  });
});
