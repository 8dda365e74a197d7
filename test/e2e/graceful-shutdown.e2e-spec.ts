import { JobsService, QueueName } from '@grants/core';
import { jest } from '@jest/globals';
import { Agent, request } from 'node:http';
import { noticeOutcome, noticeRunSettled, writeNotices } from '../support/notice-run';
import {
  AppProcess,
  startServer,
  startWorker,
  testEnv,
  waitUntil,
} from '../support/server-process';
import { SmtpSink, startSmtpSink } from '../support/smtp-sink';
import { createTestContext, TestContext } from '../support/test-context';

jest.setTimeout(120_000);

const BURST = 100;

type Outcome =
  | { kind: 'answer'; status: number; complete: boolean; at: number }
  | { kind: 'lost'; code: string };

/** One GET on a connection of its own; what came back, and when the answer ended. */
function get(url: string, agent: Agent): Promise<Outcome> {
  return new Promise((resolve) => {
    const req = request(url, { agent }, (res) => {
      res.resume();
      res.on('error', () => resolve({ kind: 'lost', code: 'answer cut short' }));
      res.on('end', () =>
        resolve({
          kind: 'answer',
          status: res.statusCode ?? 0,
          complete: res.complete,
          at: Date.now(),
        }),
      );
    });
    req.on('error', (e: NodeJS.ErrnoException) =>
      resolve({ kind: 'lost', code: e.code ?? e.message }),
    );
    req.end();
  });
}

/**
 * SIGTERM is how a deploy or a scale-in stops a process. The server stops taking connections
 * and finishes the requests it has; the worker stops taking jobs and finishes the ones in hand,
 * so nothing is cut off half-done (a mail send cut off is an email in doubt).
 */
describe('graceful shutdown on SIGTERM (built server and worker)', () => {
  let ctx: TestContext;
  let sink: SmtpSink;
  const workers: AppProcess[] = [];

  beforeAll(async () => {
    sink = await startSmtpSink();
    ctx = await createTestContext();
  }, 60_000);

  afterAll(async () => {
    for (const worker of workers) await worker.stop();
    await ctx?.close();
    await sink?.stop();
  });

  it('server: every request in flight gets its full answer, and later connections are refused, never a 5xx', async () => {
    const server = await startServer({ env: { RATE_LIMIT_PER_MINUTE: '100000' } });
    const url = `${server.baseUrl}/api/v1/rounds`;
    // Connections the server has already taken (as a proxy's pool would be): the burst's
    // requests are on the wire before the signal, none waits in the listen backlog.
    const agent = new Agent({ keepAlive: true, maxSockets: BURST });
    const warm = await Promise.all(Array.from({ length: BURST }, () => get(url, agent)));
    expect(warm.every((o) => o.kind === 'answer' && o.status === 200)).toBe(true);
    let signalledAt = 0;
    let answers = 0;
    const inFlight = Promise.all(
      Array.from({ length: BURST }, () =>
        get(url, agent).then((outcome) => {
          // SIGTERM once the server is busy answering: the rest are still in its hands.
          if (outcome.kind === 'answer' && (answers += 1) === 10) {
            signalledAt = Date.now();
            server.child.kill('SIGTERM');
          }
          return outcome;
        }),
      ),
    );
    const wave = await inFlight;
    expect(signalledAt).toBeGreaterThan(0);
    // New connections while it closes and after: refused, or answered in full, never a 5xx.
    const fresh = new Agent({ keepAlive: false });
    const during = await Promise.all(Array.from({ length: 20 }, () => get(url, fresh)));
    const exit = await server.stop();
    const after = await get(url, fresh);
    // Only now does the client let its pool go: idle keep-alive connections must not hold the
    // shutdown (they did, until the 20 s deadline and exit 1).
    agent.destroy();
    fresh.destroy();

    expect(wave.filter((o) => o.kind === 'lost')).toEqual([]);
    expect(wave.every((o) => o.kind === 'answer' && o.status === 200 && o.complete)).toBe(true);
    // Some answers were finished after the signal: requests really were in flight.
    expect(wave.some((o) => o.kind === 'answer' && o.at > signalledAt)).toBe(true);
    for (const o of during) {
      if (o.kind === 'lost') expect(o.code).toBe('ECONNREFUSED');
      else expect([o.status, o.complete]).toEqual([200, true]);
    }
    expect(after).toEqual({ kind: 'lost', code: 'ECONNREFUSED' });
    // Nest closes everything, then re-raises the signal to end the process.
    expect(exit).toBe('SIGTERM');
    expect(server.output()).not.toMatch(/"level":("error"|"fatal"|50|60)|Shutdown took longer/);
  });

  it('worker: the sends in hand finish, none is left in doubt or stalled, and the next worker sends the rest once', async () => {
    const env = testEnv({
      SMTP_URL: sink.url,
      REDIS_PREFIX: ctx.config.REDIS_PREFIX,
      WORKER_HEALTH_PORT: '0',
    });
    const first = await startWorker(env);
    workers.push(first);
    const ids = await writeNotices(ctx, 600, 'sigterm');
    await waitUntil(async () => sink.messages.length >= 100, 30_000, first);
    const exit = await first.stop();
    const sentByFirst = sink.messages.length;

    expect(exit).toBe('SIGTERM');
    expect(first.output()).not.toMatch(/"level":("error"|"fatal"|50|60)|Shutdown took longer/);
    expect(sentByFirst).toBeLessThan(ids.length);
    const mail = ctx.get(JobsService).queue(QueueName.Mail);
    expect(await mail.getJobCounts('active', 'failed')).toEqual({ active: 0, failed: 0 });
    const stopped = await noticeOutcome(ctx, sink, ids);
    // Nothing was cut off mid-send: each row is sent (and received once) or untouched.
    expect(stopped.byStatus['sending']).toBeUndefined();
    expect(stopped.byStatus['sent']).toHaveLength(sentByFirst);
    expect(stopped.byStatus['sent']!.every((id) => stopped.received.get(id) === 1)).toBe(true);

    const second = await startWorker(env);
    workers.push(second);
    await waitUntil(() => noticeRunSettled(ctx, ids), 60_000, second);
    const done = await noticeOutcome(ctx, sink, ids);
    expect(done.byStatus['sent']).toHaveLength(ids.length);
    expect(done.duplicates).toEqual([]);
    expect(ids.every((id) => done.received.get(id) === 1)).toBe(true);
    const jobs = await mail.getJobs(['completed'], 0, -1);
    const sends = jobs.filter((j) => j.name === 'mail.send');
    expect(sends).toHaveLength(ids.length);
    expect(sends.filter((j) => j.stalledCounter > 0)).toEqual([]);
  });
});
