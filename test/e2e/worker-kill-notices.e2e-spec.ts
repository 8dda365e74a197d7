import { jest } from '@jest/globals';
import { noticeOutcome, noticeRunSettled, writeNotices } from '../support/notice-run';
import { AppProcess, startWorker, testEnv, waitUntil } from '../support/server-process';
import { SmtpSink, startSmtpSink } from '../support/smtp-sink';
import { createTestContext, TestContext } from '../support/test-context';

jest.setTimeout(150_000);

const NOTICES = 1000;
/** Each kill comes when the SMTP server has this many messages: all five while sending. */
const KILL_AT = [100, 250, 400, 550, 700];
/** The mail processor's concurrency: at most this many sends are in hand when a worker dies. */
const SENDS_IN_HAND = 8;

/**
 * The fault test: the worker is killed (SIGKILL, no shutdown) five times while 1,000
 * notices are going out, and restarted each time. A row is claimed (pending -> sending) in one
 * statement before its message goes to SMTP and marked sent after, and a claimed row is never
 * sent again, so a killed worker's jobs, picked up again as stalled, send nothing twice. The
 * price is the sends in hand at a kill: their rows stay 'sending' (the SMTP server may or may
 * not have the message; nothing can tell), and the sweeper marks them failed for staff to check
 * after five minutes. This test holds the product to exactly that: every row sent or in doubt,
 * every sent row received exactly once, no message received twice, at most the sends in hand
 * at each kill in doubt.
 */
describe('notices with the worker killed five times (built worker, real SMTP)', () => {
  let ctx: TestContext;
  let sink: SmtpSink;
  let worker: AppProcess | undefined;

  beforeAll(async () => {
    sink = await startSmtpSink();
    ctx = await createTestContext();
  }, 60_000);

  afterAll(async () => {
    await worker?.stop();
    await ctx?.close();
    await sink?.stop();
  });

  it('sends each of 1,000 notices at most once through five kills, and every one it can exactly once', async () => {
    // The test writes through its own context on the worker's Redis prefix, as the server would.
    const env = testEnv({
      SMTP_URL: sink.url,
      REDIS_PREFIX: ctx.config.REDIS_PREFIX,
      WORKER_HEALTH_PORT: '0',
    });
    worker = await startWorker(env);
    const ids = await writeNotices(ctx, NOTICES, 'kill');
    expect(ids).toHaveLength(NOTICES);

    const receivedAtKill: number[] = [];
    for (const threshold of KILL_AT) {
      const current = worker;
      await waitUntil(async () => sink.messages.length >= threshold, 45_000, current);
      await current.kill();
      expect(current.child.signalCode).toBe('SIGKILL');
      receivedAtKill.push(sink.messages.length);
      worker = await startWorker(env);
    }
    // Every kill came mid-run: the SMTP server had some of the notices, not all.
    expect(receivedAtKill.every((n) => n < NOTICES)).toBe(true);

    // The last worker finishes the run, and BullMQ hands the killed workers' jobs to it.
    await waitUntil(() => noticeRunSettled(ctx, ids), 100_000, worker);

    const { byStatus, received, duplicates } = await noticeOutcome(ctx, sink, ids);
    expect(duplicates).toEqual([]);
    expect([...received.keys()].every((id) => ids.includes(id))).toBe(true);
    expect(Object.keys(byStatus).filter((s) => s !== 'sent' && s !== 'sending')).toEqual([]);
    const sent = byStatus['sent'] ?? [];
    const inDoubt = byStatus['sending'] ?? [];
    expect(sent.length + inDoubt.length).toBe(NOTICES);
    expect(sent.every((id) => received.get(id) === 1)).toBe(true);
    expect(inDoubt.length).toBeLessThanOrEqual(KILL_AT.length * SENDS_IN_HAND);
    expect(sink.messages.length).toBe(received.size);
    expect(sink.messages.length).toBeGreaterThanOrEqual(sent.length);
    expect(worker.output()).not.toMatch(/"level":("error"|"fatal"|50|60)/);
  });
});
