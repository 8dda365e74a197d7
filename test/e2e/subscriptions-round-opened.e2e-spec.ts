import { JobsService, OutboundEmail, QueueName } from '@grants/core';
import { GrantRound, RoundSchedulerService } from '@grants/funds';
import { FundSubscription, RoundOpenedEmailsService } from '@grants/subscriptions';
import { randomBytes, randomUUID } from 'node:crypto';
import { Like } from 'typeorm';
import { CRF, diversionJson } from '../factories/round.factory';
import { bearerFor, createStaff } from '../factories/staff.factory';
import { HttpClient } from '../support/http-client';
import { ServerProcess, startServer, waitUntil } from '../support/server-process';
import { SmtpSink, startSmtpSink } from '../support/smtp-sink';
import { createTestContext, TestContext } from '../support/test-context';

/**
 * When a round opens by itself (a delayed job in the worker), each confirmed subscriber of its
 * fund gets exactly one email over SMTP, and forced retries of the opening and of the sends
 * change nothing.
 */
describe('round opened: one email per confirmed subscriber', () => {
  let sink: SmtpSink;
  let server: ServerProcess;
  let ctx: TestContext;
  let officer: HttpClient;
  let ipCounter = 0;
  const suffix = randomBytes(2).toString('hex');
  /** Names of its own, so other test files' data (same database) never clash with it. */
  const fundInput = { ...CRF, slug: `${CRF.slug}-${suffix}`, code: `CRF${suffix.toUpperCase()}` };

  const address = (who: string) => `${who}-${randomBytes(3).toString('hex')}@bridlington.example`;
  const post = (path: string, json: unknown) =>
    new HttpClient(server.baseUrl).request('POST', path, {
      json,
      headers: { 'x-forwarded-for': `198.51.100.${++ipCounter}` },
    });
  const tokenIn = (text: string, path: string) => {
    const match = new RegExp(`http://\\S+${path}\\?token=(\\S+)`).exec(text);
    if (!match) throw new Error(`No ${path} link in:\n${text}`);
    return decodeURIComponent(match[1]);
  };
  const roundOpenedTo = (email: string) =>
    sink.to(email).filter((m) => m.subject.endsWith('is open for applications'));
  /** Runs a job by id in the server's worker (same Redis prefix) and waits for its result. */
  const finished = async (queue: QueueName, jobId: string) => {
    const jobs = ctx.get(JobsService).queue(queue);
    let state = '';
    await waitUntil(async () => {
      state = (await (await jobs.getJob(jobId))?.getState()) ?? 'missing';
      return state === 'completed' || state === 'failed';
    }, 20_000);
    const job = await jobs.getJob(jobId);
    return { state, returnvalue: job?.returnvalue as unknown };
  };

  beforeAll(async () => {
    sink = await startSmtpSink();
    server = await startServer({
      withWorker: true,
      env: { SMTP_URL: sink.url, TRUST_PROXY: 'true' },
    });
    // The test's own context shares the server's Redis prefix, so it can enqueue jobs for it.
    ctx = await createTestContext({ env: { REDIS_PREFIX: server.env.REDIS_PREFIX } });
    const staff = await createStaff(ctx, 'grants-officer');
    officer = new HttpClient(server.baseUrl).withBearer(
      await bearerFor(server.baseUrl, staff.email),
    );
    const fund = await officer.post('/api/v1/funds', fundInput);
    expect(fund.status).toBe(201);
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
    await ctx?.close();
    await sink?.stop();
  });

  it('emails confirmed subscribers once when the round opens, none to pending or unsubscribed, and never twice after forced retries', async () => {
    const [first, second, pending, leaver] = ['first', 'second', 'pending', 'leaver'].map(address);
    for (const email of [first, second, pending, leaver])
      expect((await post(`/api/v1/funds/${fundInput.slug}/subscriptions`, { email })).status).toBe(
        202,
      );
    await waitUntil(
      async () => [first, second, pending, leaver].every((e) => sink.to(e).length === 1),
      20_000,
    );
    for (const email of [first, second, leaver]) {
      const token = tokenIn(sink.to(email)[0].text, '/subscriptions/confirm');
      expect((await post('/api/v1/subscriptions/confirm', { token })).status).toBe(200);
    }
    const leaverToken = tokenIn(sink.to(leaver)[0].text, '/subscriptions/unsubscribe');
    expect((await post('/api/v1/subscriptions/unsubscribe', { token: leaverToken })).status).toBe(
      200,
    );

    // A round created and scheduled through the API by a grants officer, opening shortly.
    const created = await officer.post(
      '/api/v1/rounds',
      diversionJson({
        fundSlug: fundInput.slug,
        code: 'PILOT',
        title: 'Community Response Fund pilot',
        opensAt: new Date(Date.now() + 2000).toISOString(),
      }),
    );
    expect(created.status).toBe(201);
    const roundId = created.json().id as string;
    expect((await officer.post(`/api/v1/rounds/${roundId}/schedule`)).status).toBe(200);
    await waitUntil(
      async () => (await officer.get(`/api/v1/rounds/${roundId}`)).json().status === 'open',
      30_000,
    );
    await waitUntil(
      async () => roundOpenedTo(first).length === 1 && roundOpenedTo(second).length === 1,
      30_000,
    );

    const outbox = ctx.dataSource.getRepository(OutboundEmail);
    const rowsFor = () => outbox.findBy({ dedupeKey: Like(`round-opened/${roundId}/%`) });
    const rows = await rowsFor();
    expect(rows.map((r) => r.toAddress).sort()).toEqual([first, second].sort());
    const subscriptions = ctx.dataSource.getRepository(FundSubscription);
    const firstSubscription = await subscriptions.findOneByOrFail({ email: first });
    expect(rows.map((r) => r.dedupeKey)).toContain(
      `round-opened/${roundId}/${firstSubscription.id}`,
    );

    const [mail] = roundOpenedTo(first);
    expect(mail.subject).toBe(
      `${CRF.name}: Community Response Fund pilot is open for applications`,
    );
    expect(mail.text).toContain(`${server.baseUrl}/rounds/${roundId}`);
    const unsubscribeUrl = `${server.baseUrl}/subscriptions/unsubscribe?token=${firstSubscription.unsubscribeToken}`;
    expect(mail.text).toContain(unsubscribeUrl);
    expect(mail.html).toContain(`href="${unsubscribeUrl}"`);
    expect(mail.headers['list-unsubscribe']).toBe(`<${unsubscribeUrl}>`);

    // Forced retries. 1: the open job again (the round is open: nothing to do).
    const jobs = ctx.get(JobsService);
    await jobs.enqueue('round.open', { roundId }, { jobId: `retry-open-${roundId}` });
    expect(await finished(QueueName.Rounds, `retry-open-${roundId}`)).toEqual({
      state: 'completed',
      returnvalue: 'unchanged',
    });
    // 2: the whole opening transaction again, as if its commit had never been seen: the
    // announcement is written again and every row is already there.
    await ctx.dataSource.query(`UPDATE grant_rounds SET status = 'scheduled' WHERE id = $1`, [
      roundId,
    ]);
    expect(await ctx.get(RoundSchedulerService).openIfDue(roundId)).toBe('opened');
    // 3: every send job again, under new job ids so BullMQ really runs them.
    await jobs.enqueueMany(
      'mail.send',
      rows.map((r) => ({ payload: { emailId: r.id }, jobId: `retry-send-${r.id}` })),
    );
    for (const row of rows)
      expect(await finished(QueueName.Mail, `retry-send-${row.id}`)).toEqual({
        state: 'completed',
        returnvalue: 'skipped',
      });

    const after = await rowsFor();
    expect(after).toHaveLength(2);
    expect(after.every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
    expect(roundOpenedTo(first)).toHaveLength(1);
    expect(roundOpenedTo(second)).toHaveLength(1);
    expect(roundOpenedTo(pending)).toHaveLength(0);
    expect(roundOpenedTo(leaver)).toHaveLength(0);
    expect(sink.to(pending)).toHaveLength(1);
    expect(sink.to(leaver)).toHaveLength(1);
  });

  it('writes the emails for 10,000 subscribers in one statement, once', async () => {
    // Inside a transaction that is rolled back: the rows are counted, never sent.
    const runner = ctx.dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      const [fund] = await runner.query(
        `INSERT INTO funds (name, slug, code, description, owning_office)
         VALUES ('Safer Streets', $1, $2, 'Scale test', 'OPCC') RETURNING id`,
        [
          `scale-${randomBytes(3).toString('hex')}`,
          `S${randomBytes(2).toString('hex').toUpperCase()}`,
        ],
      );
      await runner.query(
        `INSERT INTO fund_subscriptions (fund_id, email, status, unsubscribe_token)
         SELECT $1, 'subscriber-' || n || '@example.org',
                CASE WHEN n <= 10000 THEN 'confirmed' ELSE 'pending' END,
                md5(random()::text || n) || md5(n::text)
           FROM generate_series(1, 10250) AS n`,
        [fund.id],
      );
      const round = {
        id: randomUUID(),
        fundId: fund.id,
        title: 'Scale round',
        closesAt: new Date(Date.now() + 86_400_000),
        fund: { id: fund.id, name: 'Safer Streets' },
      } as unknown as GrantRound;
      const emails = ctx.get(RoundOpenedEmailsService);
      const ids = await emails.write(runner.manager, round);
      expect(ids).toHaveLength(10_000);
      expect(new Set(ids).size).toBe(10_000);
      expect(await emails.write(runner.manager, round)).toEqual([]);
      const [{ count }] = await runner.query(
        `SELECT count(*)::int AS count FROM outbound_emails WHERE dedupe_key LIKE $1`,
        [`round-opened/${round.id}/%`],
      );
      expect(count).toBe(10_000);
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  });
});
