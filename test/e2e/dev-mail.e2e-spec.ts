import { randomBytes, randomUUID } from 'node:crypto';
import { CSF, createFund } from '../factories/round.factory';
import { HttpClient } from '../support/http-client';
import { ServerProcess, startServer, waitUntil } from '../support/server-process';
import { createTestContext, TestContext } from '../support/test-context';

/** /dev/mail: with SMTP_URL unset, mail goes to a local mailbox readable in the browser. */
describe('/dev/mail, the local mailbox', () => {
  let server: ServerProcess;
  let ctx: TestContext;
  const suffix = randomBytes(2).toString('hex');
  const fund = { ...CSF, slug: `${CSF.slug}-${suffix}`, code: `CSF${suffix.toUpperCase()}` };

  beforeAll(async () => {
    ctx = await createTestContext();
    await createFund(ctx, fund);
    server = await startServer({ withWorker: true });
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
    await ctx?.close();
  });

  it('lists what the local mailbox received, newest first, and shows each message', async () => {
    const browser = new HttpClient(server.baseUrl);
    const email = `mailbox-${randomUUID().slice(0, 8)}@example.org`;
    const subscribed = await browser.post(`/api/v1/funds/${fund.slug}/subscriptions`, { email });
    expect(subscribed.status).toBe(202);

    let list = await browser.getPage('/dev/mail');
    await waitUntil(async () => {
      list = await browser.getPage('/dev/mail');
      return list.text.includes(email);
    }, 20_000);
    expect(list.status).toBe(200);
    expect(list.text).toContain('Local mailbox');
    expect(list.text).toContain('Confirm you want emails about Commissioner&#39;s Safety Fund');
    expect(list.text).toMatch(/\d{1,2} \w+ \d{4} at \d/); // UK time, e.g. "9 March 2023 at 9:05am"

    const id = new RegExp(`${email}</td>\\s*<td[^>]*><a[^>]+href="/dev/mail/([0-9a-f-]{36})"`).exec(
      list.text,
    )?.[1];
    expect(id).toBeDefined();
    const message = await browser.getPage(`/dev/mail/${id}`);
    expect(message.status).toBe(200);
    expect(message.text).toContain(email);
    expect(message.text).toContain('grants@opcc.localhost');
    expect(message.text).toMatch(/<pre[^>]*>[\s\S]*\/subscriptions\/confirm\?token=[\s\S]*<\/pre>/);
    expect(message.text).toContain(`href="/dev/mail/${id}/html"`);

    const html = await browser.get(`/dev/mail/${id}/html`);
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = html.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("style-src 'unsafe-inline'");
    expect(csp).toContain('sandbox');
    expect(csp).not.toContain('script-src');
    expect(html.text).toContain('<!DOCTYPE html>');
    expect(html.text).toMatch(/href="http:\/\/127\.0\.0\.1:\d+\/subscriptions\/confirm\?token=/);

    expect((await browser.getPage(`/dev/mail/${randomUUID()}`)).status).toBe(404);
    expect((await browser.getPage('/dev/mail/not-an-id')).status).toBe(404);
    expect((await browser.get(`/dev/mail/${randomUUID()}/html`)).status).toBe(404);
  });

  it('is not there in production (404)', async () => {
    const production = await startServer({
      env: {
        NODE_ENV: 'production',
        SMTP_URL: 'smtp://127.0.0.1:2525',
        SESSION_SECRET: 'a-production-secret-of-more-than-32-characters',
      },
    });
    try {
      const browser = new HttpClient(production.baseUrl);
      const list = await browser.getPage('/dev/mail');
      expect(list.status).toBe(404);
      expect(list.text).not.toContain('Local mailbox');
      expect((await browser.get(`/dev/mail/${randomUUID()}`)).status).toBe(404);
      expect((await browser.get(`/dev/mail/${randomUUID()}/html`)).status).toBe(404);
    } finally {
      await production.stop();
    }
  }, 60_000);
});
