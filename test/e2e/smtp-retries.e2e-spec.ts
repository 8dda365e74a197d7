import { jest } from '@jest/globals';
import { JobsService, MailOutboxService, OutboundEmail, QueueName } from '@grants/core';
import { randomBytes } from 'node:crypto';
import { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { createStaff } from '../factories/staff.factory';
import { ServerProcess, startServer, waitUntil } from '../support/server-process';
import { parseMessage, ReceivedMail } from '../support/smtp-sink';
import { pageText, signedInStaff } from '../support/staff-pages';
import { startTcpProxy, TcpProxy } from '../support/tcp-proxy';
import { createTestContext, TestContext } from '../support/test-context';

/** Two retried sends at 5 s then 10 s apart on a busy machine: room, but no timed assertions. */
jest.setTimeout(90_000);

/** An SMTP server that answers 451 at RCPT TO to the first `refusals` tries for an address. */
interface RefusingSmtp {
  port: number;
  messages: ReceivedMail[];
  /** When each RCPT TO for the address arrived (one per send attempt). */
  triesOf(address: string): number[];
  refuseFirst(address: string, refusals: number): void;
  stop(): Promise<void>;
}

async function startRefusingSmtp(): Promise<RefusingSmtp> {
  const messages: ReceivedMail[] = [];
  const tries = new Map<string, number[]>();
  const refusals = new Map<string, number>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    closeTimeout: 1000,
    onRcptTo(address, _session, callback) {
      const to = address.address.toLowerCase();
      const times = [...(tries.get(to) ?? []), Date.now()];
      tries.set(to, times);
      if (times.length <= (refusals.get(to) ?? 0))
        return callback(Object.assign(new Error('Try again later'), { responseCode: 451 }));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        messages.push({
          ...parseMessage(Buffer.concat(chunks).toString('utf8')),
          to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    port: (server.server.address() as AddressInfo).port,
    messages,
    triesOf: (address) => tries.get(address.toLowerCase()) ?? [],
    refuseFirst: (address, count) => refusals.set(address.toLowerCase(), count),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
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

/**
 * Issue 7's SMTP faults through the real job path: the built server runs the mail processor
 * (BullMQ tries and backoff from JOB_ATTEMPTS and JOB_BACKOFF_MS, set here to 3 tries from 1 s so
 * the waits are short) and sends over TCP to an SMTP server the test scripts, reached through a
 * proxy that can make it go silent.
 */
describe('SMTP refusing or timing out: retries with backoff, then failed, nothing sent twice', () => {
  let smtp: RefusingSmtp;
  let proxy: TcpProxy;
  let server: ServerProcess;
  let ctx: TestContext;
  const tag = randomBytes(3).toString('hex');

  beforeAll(async () => {
    smtp = await startRefusingSmtp();
    proxy = await startTcpProxy({ host: '127.0.0.1', port: smtp.port });
    // A silent server is given up on after 1 s instead of nodemailer's default 30 s.
    const smtpUrl = `smtp://127.0.0.1:${proxy.port}?greetingTimeout=1000`;
    // Every process of a deployment has the same settings: the job's options come from the
    // process that queues it, the last-try rule from the one that runs it.
    const jobSettings = { JOB_ATTEMPTS: '3', JOB_BACKOFF_MS: '1000', MAIL_SWEEP_SECONDS: '45' };
    server = await startServer({ withWorker: true, env: { SMTP_URL: smtpUrl, ...jobSettings } });
    // The server's Redis prefix, so what the test dispatches is what the server's worker sends.
    ctx = await createTestContext({
      env: { SMTP_URL: smtpUrl, REDIS_PREFIX: server.env.REDIS_PREFIX, ...jobSettings },
    });
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
    await ctx?.close();
    await proxy?.stop();
    await smtp?.stop();
  });

  const rowOf = (id: string) => ctx.dataSource.getRepository(OutboundEmail).findOneByOrFail({ id });
  const jobOf = (id: string) => ctx.get(JobsService).queue(QueueName.Mail).getJob(`email-${id}`);

  async function writeEmail(to: string): Promise<string> {
    const [id] = await ctx.dataSource.transaction((manager) =>
      ctx.get(MailOutboxService).write(manager, [{ to, ...TEMPLATE }]),
    );
    return id;
  }

  it('runs the mail sweeper as often as MAIL_SWEEP_SECONDS says', async () => {
    const scheduler = await ctx
      .get(JobsService)
      .queue(QueueName.Mail)
      .getJobScheduler('mail-sweep');
    expect(scheduler).toMatchObject({ every: 45_000 });
  });

  it('retries a 4xx refusal with growing gaps and delivers the message exactly once', async () => {
    const to = `refused-${tag}@example.org.uk`;
    smtp.refuseFirst(to, 2);
    const id = await writeEmail(to);
    await ctx.get(MailOutboxService).dispatch([id]);

    await waitUntil(async () => (await rowOf(id)).status === 'sent', 60_000);
    const row = await rowOf(id);
    expect(row).toMatchObject({ status: 'sent', attempts: 3, lastError: null });
    const job = await jobOf(id);
    expect(await job?.getState()).toBe('completed');
    expect(job?.opts).toMatchObject({
      attempts: 3,
      backoff: { type: 'exponential', delay: 1_000 },
    });

    // One attempt reached the server per try: refused, refused, accepted. Exponential backoff
    // from 1 s: the second gap is about twice the first, and neither is shorter than its delay.
    const [first, second, third] = smtp.triesOf(to);
    expect(smtp.triesOf(to)).toHaveLength(3);
    const gaps = [second - first, third - second];
    expect(gaps[0]).toBeGreaterThanOrEqual(950);
    expect(gaps[1]).toBeGreaterThanOrEqual(1_950);
    expect(gaps[1]).toBeGreaterThan(gaps[0] * 1.5);

    // Delivered once, with the row's own message id; nothing more comes later.
    await new Promise((r) => setTimeout(r, 1_500));
    const received = smtp.messages.filter((m) => m.to.includes(to));
    expect(received).toHaveLength(1);
    expect(received[0].messageId).toBe(`<${id}@127.0.0.1>`);
    expect(smtp.triesOf(to)).toHaveLength(3);
  });

  it('retries a server that accepts the connection and never answers, then fails the row with the reason and lists it', async () => {
    // Connections are accepted and held without a word: nodemailer waits for the greeting.
    proxy.cut('stall');
    const to = `silent-${tag}@example.org.uk`;
    const id = await writeEmail(to);
    // The job gets the server's JOB_ATTEMPTS (3), which the processor's last-try rule reads too.
    const started = Date.now();
    await ctx.get(MailOutboxService).dispatch([id]);

    await waitUntil(async () => (await rowOf(id)).status === 'failed', 60_000);
    const elapsed = Date.now() - started;
    const row = await rowOf(id);
    expect(row).toMatchObject({ status: 'failed', attempts: 3 });
    expect(row.lastError).toMatch(/Greeting never received/);
    expect(row.lastError).not.toMatch(/Outcome unknown/);
    const job = await jobOf(id);
    expect(await job?.getState()).toBe('failed');
    expect(job?.attemptsMade).toBe(3);
    // The two backoff waits (1 s, then 2 s) came between the three tries.
    expect(elapsed).toBeGreaterThanOrEqual(3_000);
    expect(smtp.triesOf(to)).toHaveLength(0);

    const officer = await signedInStaff(server.baseUrl, await createStaff(ctx, 'grants-officer'));
    const page = await officer.getPage('/staff/emails');
    expect(page.status).toBe(200);
    const text = pageText(page.text);
    expect(text).toContain(to);
    expect(text).toContain('Greeting never received');
    expect(page.text).toContain(`action="/staff/emails/${id}/resend"`);
  });
});
