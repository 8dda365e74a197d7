import {
  JobsService,
  MailboxMessage,
  MailOutboxService,
  MailSenderService,
  OutboundEmail,
  QueueName,
} from '@grants/core';
import { freePort, waitUntil } from '../support/server-process';
import { createTestContext, TestContext } from '../support/test-context';

/** A template that exists in the code base, with the data it needs. */
const TEMPLATE = {
  template: 'subscriptions/confirm-subscription',
  data: {
    fundName: "Commissioner's Safety Fund",
    confirmUrl: 'http://localhost:3000/subscriptions/confirm?token=t',
    unsubscribeUrl: 'http://localhost:3000/subscriptions/unsubscribe?token=u',
    expiresAtUk: '29 November 2026 at 9am',
  },
};

describe('the email outbox (local mailbox transport)', () => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(() => ctx?.close());

  async function writeOne(dedupeKey?: string): Promise<string[]> {
    return ctx.dataSource.transaction((manager) =>
      ctx
        .get(MailOutboxService)
        .write(manager, [{ to: 'resident@example.org', ...TEMPLATE, dedupeKey }]),
    );
  }

  it('sends a row once, however many times its job runs, even at the same moment', async () => {
    const [id] = await writeOne();
    const sender = ctx.get(MailSenderService);
    const outcomes = await Promise.all([sender.send(id), sender.send(id), sender.send(id)]);
    expect(outcomes.filter((o) => o === 'sent')).toHaveLength(1);
    expect(await sender.send(id)).toBe('skipped');
    expect(
      await ctx.dataSource
        .getRepository(MailboxMessage)
        .countBy({ messageId: `<${id}@localhost>` }),
    ).toBe(1);
    const row = await ctx.dataSource.getRepository(OutboundEmail).findOneByOrFail({ id });
    expect(row).toMatchObject({ status: 'sent', attempts: 1 });
    expect(row.subject).toBeTruthy();
  });

  it('lets the sweeper queue a row whose job never reached Redis, once', async () => {
    const [id] = await writeOne();
    const outbox = ctx.get(MailOutboxService);
    expect(await outbox.redispatch([id])).toBe(1);
    expect(await outbox.redispatch([id])).toBe(0); // queued and waiting: left alone
    const job = await ctx.get(JobsService).queue(QueueName.Mail).getJob(`email-${id}`);
    expect(job?.data).toEqual({ emailId: id });
  });

  it('writes one row per dedupe key', async () => {
    expect(await writeOne('round-opened/r1/s1')).toHaveLength(1);
    expect(await writeOne('round-opened/r1/s1')).toHaveLength(0);
  });

  it('leaves nothing behind when the business transaction rolls back', async () => {
    const before = await ctx.dataSource.getRepository(OutboundEmail).count();
    await expect(
      ctx.dataSource.transaction(async (manager) => {
        await ctx.get(MailOutboxService).write(manager, [{ to: 'x@example.org', ...TEMPLATE }]);
        throw new Error('business rule failed');
      }),
    ).rejects.toThrow('business rule failed');
    expect(await ctx.dataSource.getRepository(OutboundEmail).count()).toBe(before);
  });

  it('marks a row that cannot be rendered as failed, for good', async () => {
    const [id] = await ctx.dataSource.transaction((manager) =>
      ctx
        .get(MailOutboxService)
        .write(manager, [
          { to: 'x@example.org', template: 'subscriptions/no-such-template', data: {} },
        ]),
    );
    await expect(ctx.get(MailSenderService).send(id)).rejects.toThrow(/No email template/);
    expect(await ctx.dataSource.getRepository(OutboundEmail).findOneByOrFail({ id })).toMatchObject(
      { status: 'failed' },
    );
  });
});

describe('the email outbox when SMTP is unreachable', () => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await createTestContext({ env: { SMTP_URL: `smtp://127.0.0.1:${await freePort()}` } });
  });
  afterAll(() => ctx?.close());

  it('puts the row back for a retry, then fails it on the last attempt with the reason', async () => {
    const [id] = await ctx.dataSource.transaction((manager) =>
      ctx.get(MailOutboxService).write(manager, [{ to: 'y@example.org', ...TEMPLATE }]),
    );
    const sender = ctx.get(MailSenderService);
    await expect(sender.send(id)).rejects.toThrow();
    expect(await ctx.dataSource.getRepository(OutboundEmail).findOneByOrFail({ id })).toMatchObject(
      { status: 'pending', attempts: 1 },
    );
    await expect(sender.send(id, true)).rejects.toThrow();
    const row = await ctx.dataSource.getRepository(OutboundEmail).findOneByOrFail({ id });
    expect(row).toMatchObject({ status: 'failed', attempts: 2 });
    expect(row.lastError).toMatch(/ECONNREFUSED|connect/i);
  });
});

describe('the email outbox on a hot path (dispatchSoon)', () => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await createTestContext({ withProcessors: true });
  });
  afterAll(() => ctx?.close());

  it('hands a burst to the worker in one job, ahead of the queue, which queues one send per email, each sent once', async () => {
    const outbox = ctx.get(MailOutboxService);
    const jobs = ctx.get(JobsService);
    const queue = jobs.queue(QueueName.Mail);
    const [earlier, ...ids] = await ctx.dataSource.transaction((manager) =>
      outbox.write(
        manager,
        ['z', 'a', 'b', 'c', 'd', 'e'].map((n) => ({
          to: `resident-${n}@example.org`,
          ...TEMPLATE,
        })),
      ),
    );
    // Held, so what the API queued can be read before the worker takes it.
    await queue.pause();
    await outbox.dispatch([earlier]);
    outbox.dispatchSoon(ids.slice(0, 3));
    outbox.dispatchSoon(ids.slice(3));
    await outbox.flush();
    // In the order the worker will take them (the mail sweep's own job aside).
    const waiting = await queue.getJobs(['waiting', 'prioritized'], 0, -1, true);
    expect(waiting.filter((j) => j.name !== 'mail.sweep').map((j) => [j.name, j.data])).toEqual([
      ['mail.dispatch', { emailIds: ids }],
      ['mail.send', { emailId: earlier }],
    ]);

    // The same batch handed over twice (a retried job) still sends each email once.
    await jobs.enqueue('mail.dispatch', { emailIds: ids });
    await queue.resume();
    const handedOver = async () =>
      (await queue.getJobs(['completed'])).filter((j) => j.name === 'mail.dispatch').length;
    const rows = ctx.dataSource.getRepository(OutboundEmail);
    await waitUntil(
      async () =>
        (await handedOver()) === 2 &&
        (await rows.countBy([earlier, ...ids].map((id) => ({ id, status: 'sent' as const })))) ===
          ids.length + 1,
      15_000,
    );
    const messages = ctx.dataSource.getRepository(MailboxMessage);
    for (const id of [earlier, ...ids])
      expect(await messages.countBy({ messageId: `<${id}@localhost>` })).toBe(1);
    const sends = (await queue.getJobs(['completed'])).filter((j) => j.name === 'mail.send');
    expect(sends.map((j) => j.id).sort()).toEqual(
      [earlier, ...ids].map((id) => `email-${id}`).sort(),
    );
  });
});
