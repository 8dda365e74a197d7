import { jest } from '@jest/globals';
import {
  AuditEvent,
  FailedEmailsService,
  JobsService,
  MailOutboxService,
  MailSenderService,
  OutboundEmail,
  QueueName,
} from '@grants/core';
import type { StaffUser } from '@grants/identity';
import { randomBytes } from 'node:crypto';
import { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { lastSignInCode } from '../factories/application.factory';
import { createStaff } from '../factories/staff.factory';
import { HttpClient } from '../support/http-client';
import { ServerProcess, startServer, waitUntil } from '../support/server-process';
import { parseMessage, ReceivedMail } from '../support/smtp-sink';
import { pageText, signedInStaff } from '../support/staff-pages';
import { createTestContext, TestContext } from '../support/test-context';

/** Real processes on a busy 2-core machine: generous limits, never timed assertions. */
jest.setTimeout(120_000);

/**
 * What the test's SMTP server does with the next message: take it; refuse it before DATA (451
 * at RCPT TO, so nothing left: the sender retries); or take the data and then answer 451, so
 * the message may or may not have gone on (as after a timeout or a drop mid-send).
 */
type SmtpMode = 'accept' | 'refuse' | 'unknown';

interface FaultySmtp {
  url: string;
  mode: SmtpMode;
  messages: ReceivedMail[];
  to(address: string): ReceivedMail[];
  stop(): Promise<void>;
}

async function startFaultySmtp(): Promise<FaultySmtp> {
  const smtp = { mode: 'accept' as SmtpMode, messages: [] as ReceivedMail[] };
  const refusal = (message: string) => Object.assign(new Error(message), { responseCode: 451 });
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    closeTimeout: 1000,
    onRcptTo(_address, _session, callback) {
      callback(smtp.mode === 'refuse' ? refusal('Try again later') : undefined);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (smtp.mode === 'unknown') return callback(refusal('Timed out while storing'));
        smtp.messages.push({
          ...parseMessage(Buffer.concat(chunks).toString('utf8')),
          to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  return Object.assign(smtp, {
    url: `smtp://127.0.0.1:${port}`,
    to: (address: string) => smtp.messages.filter((m) => m.to.includes(address.toLowerCase())),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}

const TEMPLATE = {
  template: 'subscriptions/confirm-subscription',
  data: {
    fundName: "Commissioner's Safety Fund",
    confirmUrl: 'http://localhost:3000/subscriptions/confirm?token=t',
    unsubscribeUrl: 'http://localhost:3000/subscriptions/unsubscribe?token=u',
    expiresAtUk: '29 November 2026 at 9am',
  },
};

describe('failed emails: staff see them and resend them, and nothing goes twice', () => {
  let smtp: FaultySmtp;
  let server: ServerProcess;
  let ctx: TestContext;
  let officer: StaffUser;
  let officerPages: HttpClient;
  const tag = randomBytes(3).toString('hex');
  let seq = 0;
  const newAddress = () => `resident-${tag}-${++seq}@example.org.uk`;

  beforeAll(async () => {
    smtp = await startFaultySmtp();
    server = await startServer({
      withWorker: true,
      env: { SMTP_URL: smtp.url, EMAIL_SENDS_PER_HOUR: '1000' },
    });
    // The server's Redis prefix, so what the test dispatches is what the server's worker sends.
    ctx = await createTestContext({
      env: { SMTP_URL: smtp.url, REDIS_PREFIX: server.env.REDIS_PREFIX },
    });
    officer = await createStaff(ctx, 'grants-officer');
    officerPages = await signedInStaff(server.baseUrl, officer);
  }, 180_000);

  afterAll(async () => {
    await server?.stop();
    await ctx?.close();
    await smtp?.stop();
  });

  afterEach(() => {
    smtp.mode = 'accept';
  });

  /** An email written as a business transaction writes one, and dispatched after commit. */
  async function sendOne(to: string, dispatch = true): Promise<string> {
    const outbox = ctx.get(MailOutboxService);
    const [id] = await ctx.dataSource.transaction((manager) =>
      outbox.write(manager, [{ to, ...TEMPLATE }]),
    );
    if (dispatch) await outbox.dispatch([id]);
    return id;
  }

  const rowOf = (id: string) => ctx.dataSource.getRepository(OutboundEmail).findOneByOrFail({ id });

  async function waitForStatus(id: string, status: OutboundEmail['status']) {
    await waitUntil(async () => (await rowOf(id)).status === status, 30_000);
    return rowOf(id);
  }

  const resendsOf = (id: string) =>
    ctx.dataSource
      .getRepository(AuditEvent)
      .findBy({ action: 'email.resent', subjectType: 'outbound_email', subjectId: id });

  async function resend(client: HttpClient, id: string) {
    await client.getPage('/staff/emails');
    return client.postForm(`/staff/emails/${id}/resend`, {});
  }

  it('fails a send whose outcome is unknown at once, lists it, and resends it exactly once', async () => {
    smtp.mode = 'unknown';
    const to = newAddress();
    const id = await sendOne(to);
    const failed = await waitForStatus(id, 'failed');
    expect(failed.attempts).toBe(1);
    expect(failed.lastError).toMatch(/Outcome unknown, check before resending/);
    // Not retried blindly: the job gave up for good after its one attempt.
    const job = await ctx.get(JobsService).queue(QueueName.Mail).getJob(`email-${id}`);
    expect(await job?.getState()).toBe('failed');
    expect(job?.attemptsMade).toBe(1);
    expect(smtp.to(to)).toHaveLength(0);

    const page = await officerPages.getPage('/staff/emails');
    expect(page.status).toBe(200);
    const text = pageText(page.text);
    expect(text).toContain('Failed emails');
    expect(text).toContain(to);
    expect(text).toContain("Commissioner's Safety Fund"); // the subject, rendered from the template
    expect(text).toContain('subscriptions/confirm-subscription');
    expect(text).toContain('Outcome unknown, check before resending');
    expect(text).toMatch(
      /outcome is unknown: the email may have arrived\. Check with the recipient before resending/,
    );
    expect(page.text).toContain(`action="/staff/emails/${id}/resend"`);

    smtp.mode = 'accept';
    const res = await officerPages.postForm(`/staff/emails/${id}/resend`, {});
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/staff/emails?done=resent');
    const after = await officerPages.getPage('/staff/emails?done=resent');
    expect(pageText(after.text)).toContain('put back in the queue');
    expect(after.text).not.toContain(`email-${id}`);

    const sent = await waitForStatus(id, 'sent');
    expect(sent.attempts).toBe(2);
    expect(smtp.to(to)).toHaveLength(1);
    expect(smtp.to(to)[0].messageId).toBe(`<${id}@127.0.0.1>`);
    const [event] = await resendsOf(id);
    expect(event).toMatchObject({
      actorType: 'staff',
      actorId: officer.id,
      actorLabel: officer.email,
    });
    expect(event.before).toMatchObject({ status: 'failed', attempts: 1 });
    expect(event.after).toEqual({ status: 'pending' });

    // A second resend (a stale page, a double click) is refused and sends nothing.
    const again = await officerPages.postForm(`/staff/emails/${id}/resend`, {});
    expect(again.status).toBe(409);
    expect(pageText(again.text)).toContain('There is a problem');
    expect(pageText(again.text)).toContain('no longer failed');
    await new Promise((r) => setTimeout(r, 1500));
    expect(smtp.to(to)).toHaveLength(1);
    expect(await rowOf(id)).toMatchObject({ status: 'sent', attempts: 2 });
    expect(await resendsOf(id)).toHaveLength(1);
  });

  it('puts a refused send back for a retry with backoff, and it arrives once the server takes mail', async () => {
    smtp.mode = 'refuse';
    const to = newAddress();
    const id = await sendOne(to);
    await waitUntil(async () => (await rowOf(id)).attempts === 1, 30_000);
    const waiting = await waitForStatus(id, 'pending');
    expect(waiting.lastError).toMatch(/451|Try again later/);
    expect(smtp.to(to)).toHaveLength(0);
    smtp.mode = 'accept';
    const sent = await waitForStatus(id, 'sent');
    expect(sent.attempts).toBe(2);
    expect(sent.lastError).toBeNull();
    expect(smtp.to(to)).toHaveLength(1);
  });

  it('fails a send refused on its last attempt with the reason, and resends it once', async () => {
    smtp.mode = 'refuse';
    const to = newAddress();
    const id = await sendOne(to, false);
    await expect(ctx.get(MailSenderService).send(id, true)).rejects.toThrow();
    const failed = await rowOf(id);
    expect(failed).toMatchObject({ status: 'failed', attempts: 1 });
    expect(failed.lastError).toMatch(/451|Try again later/);
    const page = await officerPages.getPage('/staff/emails');
    expect(pageText(page.text)).toContain(to);

    smtp.mode = 'accept';
    // Two resends at once (two officers, or a double click): one goes through.
    await officerPages.getPage('/staff/emails');
    const statuses = (
      await Promise.all([
        officerPages.postForm(`/staff/emails/${id}/resend`, {}),
        officerPages.postForm(`/staff/emails/${id}/resend`, {}),
      ])
    )
      .map((r) => r.status)
      .sort();
    expect(statuses).toEqual([303, 409]);
    await waitForStatus(id, 'sent');
    await new Promise((r) => setTimeout(r, 1500));
    expect(smtp.to(to)).toHaveLength(1);
    expect(await resendsOf(id)).toHaveLength(1);
  });

  it('refuses a resend of an email that is pending or sent, and of one that does not exist', async () => {
    const to = newAddress();
    const pending = await sendOne(to, false);
    expect((await resend(officerPages, pending)).status).toBe(409);
    expect(await rowOf(pending)).toMatchObject({ status: 'pending', attempts: 0 });
    expect((await resend(officerPages, '00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await resend(officerPages, 'not-an-id')).status).toBe(404);
    expect(await resendsOf(pending)).toHaveLength(0);
    await ctx.dataSource.query(`UPDATE outbound_emails SET status = 'sent' WHERE id = $1`, [
      pending,
    ]);
  });

  it('pages the list 50 at a time, newest first', async () => {
    await ctx.dataSource.query(
      `INSERT INTO outbound_emails (to_address, template, data, status, attempts, last_error, created_at)
       SELECT 'paged-' || n || '@example.org.uk', 'subscriptions/no-such-template', '{}'::jsonb,
              'failed', 1, 'Could not render', now() - interval '1 day' + n * interval '1 second'
         FROM generate_series(1, 60) AS n`,
    );
    const service = ctx.get(FailedEmailsService);
    const total = await service.count();
    expect(total).toBeGreaterThanOrEqual(60);
    const first = await service.list(1);
    expect(first.emails).toHaveLength(50);
    expect(first.pageCount).toBe(Math.ceil(total / 50));
    const times = first.emails.map((e) => e.createdAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(first.emails.find((e) => e.toAddress.startsWith('paged-'))?.subject).toBeNull();
    const last = await service.list(999);
    expect(last.page).toBe(first.pageCount);
    expect(last.emails.at(-1)?.toAddress).toBe('paged-1@example.org.uk');

    const page2 = await officerPages.getPage('/staff/emails?page=2');
    expect(page2.status).toBe(200);
    expect(page2.text).toContain('href="/staff/emails?page=1"');
    expect(pageText(page2.text)).toContain('(subject could not be made)');
    expect((await officerPages.getPage('/staff/emails?page=x')).status).toBe(200);
  });

  describe('who may see and resend', () => {
    let failedId: string;

    beforeAll(async () => {
      failedId = await sendOne(newAddress(), false);
      await ctx.dataSource.query(
        `UPDATE outbound_emails SET status = 'failed', last_error = 'test' WHERE id = $1`,
        [failedId],
      );
    });

    const unchanged = async () =>
      expect(await rowOf(failedId)).toMatchObject({ status: 'failed', lastError: 'test' });

    it('lets an admin see the list', async () => {
      const admin = await signedInStaff(server.baseUrl, await createStaff(ctx, 'admin'));
      const page = await admin.getPage('/staff/emails');
      expect(page.status).toBe(200);
      expect(page.text).toContain(`action="/staff/emails/${failedId}/resend"`);
    });

    it('refuses assessors, the decision maker and finance', async () => {
      for (const role of ['assessor', 'decision-maker', 'finance'] as const) {
        const client = await signedInStaff(server.baseUrl, await createStaff(ctx, role));
        expect({ role, status: (await client.getPage('/staff/emails')).status }).toEqual({
          role,
          status: 403,
        });
        await client.getPage('/staff/rounds'); // a page they may see, for a valid form token
        const post = await client.postForm(`/staff/emails/${failedId}/resend`, {});
        expect({ role, status: post.status }).toEqual({ role, status: 403 });
      }
      await unchanged();
    });

    it('sends anonymous people and applicants to the staff sign-in', async () => {
      const applicant = new HttpClient(server.baseUrl);
      const email = newAddress();
      await applicant.getPage('/sign-in');
      expect((await applicant.postForm('/sign-in', { email })).status).toBe(303);
      await applicant.getPage('/sign-in/code');
      const code = await lastSignInCode(ctx.dataSource, email);
      expect((await applicant.postForm('/sign-in/code', { code })).status).toBe(303);

      for (const client of [new HttpClient(server.baseUrl), applicant]) {
        const page = await client.getPage('/staff/emails');
        expect(page.status).toBe(303);
        expect(page.headers.get('location')).toMatch(/^\/staff\/sign-in/);
        await client.getPage('/staff/sign-in'); // a form token, so only access is tested
        const post = await client.postForm(`/staff/emails/${failedId}/resend`, {});
        expect(post.status).toBe(303);
        expect(post.headers.get('location')).toMatch(/^\/staff\/sign-in/);
      }
      await unchanged();
    });

    it('refuses a resend without the form token, or with a forged one', async () => {
      await officerPages.getPage('/staff/emails');
      const none = await officerPages.request('POST', `/staff/emails/${failedId}/resend`, {
        form: {},
      });
      expect(none.status).toBe(403);
      const forged = await officerPages.request('POST', `/staff/emails/${failedId}/resend`, {
        form: { _csrf: 'forged' },
      });
      expect(forged.status).toBe(403);
      await unchanged();
      expect(await resendsOf(failedId)).toHaveLength(0);
    });
  });
});
