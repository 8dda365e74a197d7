import { jest } from '@jest/globals';
import { Application } from '@grants/applications';
import { Ballot } from '@grants/ballots';
import { GrantRound } from '@grants/funds';
import { Agent } from 'node:http';
import {
  ApiApplicant,
  createCompleteDraftByApi,
  createOrganisationByApi,
  newApplicantEmail,
  signInByApi,
} from '../factories/applicant-api.factory';
import { createOpenRound, lastSignInCode } from '../factories/application.factory';
import { createOpenBallot } from '../factories/open-ballot.factory';
import { CSF, createFund } from '../factories/round.factory';
import { createVoteRound } from '../factories/vote-round.factory';
import { HttpClient } from '../support/http-client';
import {
  AppProcess,
  freePort,
  ServerProcess,
  startServer,
  startWorker,
  waitUntil,
} from '../support/server-process';
import { SmtpSink, startSmtpSink } from '../support/smtp-sink';
import { startTcpProxy, TcpProxy } from '../support/tcp-proxy';
import { createTestContext, TestContext } from '../support/test-context';
import { TEST_REDIS_URL } from '../support/test-env';
import { postVote, seedVerifiedVoters } from '../support/vote-burst';

/** A 30 s outage, a sweep to catch up, two real processes on a busy 2-core machine. */
jest.setTimeout(150_000);

const OUTAGE_MS = 30_000;
/** The mail sweeper re-queues rows pending for longer than this (MailSenderService). */
const SWEEP_GRACE_MS = 30_000;
const VOTERS = 6;

interface EmailRow {
  id: string;
  template: string;
  status: string;
  attempts: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

/**
 * Issue 7: Redis goes away for 30 s under the built server and worker (cut at a proxy, the
 * shared Redis keeps running). Requests never need Redis, so applying, signing in and voting
 * go on; their emails wait as pending rows in the outbox; /health says Redis is down. When it
 * comes back the mail sweeper queues the rows and each email reaches the SMTP server once.
 */
describe('Redis cut for 30 s under the built server and worker', () => {
  let sink: SmtpSink;
  let proxy: TcpProxy;
  let server: ServerProcess;
  let worker: AppProcess;
  let workerHealth: string;
  let ctx: TestContext;
  let round: GrantRound;
  let ballot: Ballot;
  let shortlist: Application[];
  let applicant: ApiApplicant;
  let voterTokens: string[];

  const healthOf = async (url: string) => (await fetch(url).catch(() => null))?.status;
  const emailRows = (): Promise<EmailRow[]> =>
    ctx.dataSource.query(
      `SELECT id, template, status, attempts FROM outbound_emails ORDER BY created_at`,
    );

  beforeAll(async () => {
    sink = await startSmtpSink();
    const redis = new URL(TEST_REDIS_URL);
    proxy = await startTcpProxy({ host: redis.hostname, port: Number(redis.port || 6379) });
    server = await startServer({
      env: {
        REDIS_URL: `redis://127.0.0.1:${proxy.port}`,
        SMTP_URL: sink.url,
        EMAIL_SENDS_PER_HOUR: '1000',
        SIGN_IN_ATTEMPTS_PER_MINUTE: '1000',
        RATE_LIMIT_PER_MINUTE: '10000',
        VOTES_PER_MINUTE_PER_IP: '10000',
      },
    });
    // The test's own services reach Redis directly (the cut is for the apps) with the apps'
    // prefix, so the set-up's email goes out through the worker before the cut.
    ctx = await createTestContext({ env: { REDIS_PREFIX: server.env.REDIS_PREFIX } });
    await createFund(ctx, CSF);
    round = await createOpenRound(ctx, CSF.slug, { code: 'OUT' });
    const vote = await createVoteRound(ctx, 3);
    shortlist = vote.byArea['Winterton'];
    ballot = await createOpenBallot(ctx, vote.round, 'Winterton', shortlist, 'DN15 9');
    voterTokens = await seedVerifiedVoters(ctx, ballot.id, VOTERS, 'outage');
    // Started once the factories are done: its sweepers would otherwise open the round and the
    // ballot under them (the factories open them by hand, as the timers would).
    const healthPort = await freePort();
    workerHealth = `http://127.0.0.1:${healthPort}/health`;
    worker = await startWorker({ ...server.env, WORKER_HEALTH_PORT: String(healthPort) });
    // Signed in before the cut, by the code that really arrives by email.
    applicant = await signInByApi(server.baseUrl, sink, newApplicantEmail('outage'));
    await waitUntil(async () => (await healthOf(workerHealth)) === 200, 15_000, worker);
    await waitUntil(async () => (await emailRows()).every((e) => e.status === 'sent'), 30_000);
  }, 120_000);

  afterAll(async () => {
    proxy?.restore();
    await worker?.stop();
    await server?.stop();
    await ctx?.close();
    await proxy?.stop();
    await sink?.stop();
  });

  it('keeps taking applications and votes, says so at /health, and sends every email once when Redis returns', async () => {
    const before = new Set((await emailRows()).map((e) => e.id));
    const answers: { what: string; status: number }[] = [];
    const answered = <T extends { status: number }>(what: string, res: T): T => {
      answers.push({ what, status: res.status });
      return res;
    };

    proxy.cut('refuse');
    const cutAt = Date.now();
    await waitUntil(async () => (await healthOf(`${server.baseUrl}/health`)) === 503, 5_000);
    const health = await fetch(`${server.baseUrl}/health`);
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({
      status: 'error',
      info: { database: { status: 'up' } },
      error: { redis: { status: 'down' } },
    });
    await waitUntil(async () => (await healthOf(workerHealth)) === 503, 5_000, worker);
    expect(await (await fetch(workerHealth)).json()).toEqual({
      status: 'error',
      database: 'up',
      redis: 'down',
    });

    // An applicant applies: organisation, draft, answers and submission, all answered.
    const organisation = await createOrganisationByApi(applicant);
    const draft = await createCompleteDraftByApi(applicant, organisation.id, round);
    const submitted = answered(
      'submit',
      await applicant.client.post(`/api/v1/applications/${draft.id}/submit`),
    );
    expect(submitted.json()).toMatchObject({ status: 'submitted' });

    // Another signs in: the code is read from its outbox row, as the email cannot go yet.
    const newcomer = newApplicantEmail('newcomer');
    const anonymous = new HttpClient(server.baseUrl);
    const asked = answered(
      'email-code',
      await anonymous.post('/api/v1/auth/email-code', { email: newcomer }),
    );
    expect(asked.status).toBe(202);
    const verified = answered(
      'verify',
      await anonymous.post('/api/v1/auth/email-code/verify', {
        requestId: asked.json().requestId,
        code: await lastSignInCode(ctx.dataSource, newcomer),
      }),
    );
    expect(verified.status).toBe(200);

    // Residents vote, all at once; each gets a receipt.
    const agent = new Agent({ keepAlive: true, maxSockets: VOTERS });
    const votes = await Promise.all(
      voterTokens.map((token, i) =>
        postVote(
          agent,
          `${server.baseUrl}/api/v1/ballots/${ballot.id}/votes`,
          token,
          shortlist[i % shortlist.length].id,
        ),
      ),
    );
    agent.destroy();
    for (const vote of votes) {
      expect(vote).toMatchObject({ kind: 'answer', status: 201 });
      if (vote.kind === 'answer') answered('vote', vote);
    }
    expect(answers.filter((a) => a.status >= 500)).toEqual([]);

    // Every email of the outage waits in the outbox, untouched.
    const written = (await emailRows()).filter((e) => !before.has(e.id));
    const count = (template: string) => written.filter((e) => e.template === template).length;
    expect(count('applications/application-submitted')).toBe(1);
    expect(count('identity/applicant-sign-in')).toBe(1);
    expect(count('ballots/vote-receipt')).toBe(VOTERS);
    expect(written.every((e) => e.status === 'pending' && e.attempts === 0)).toBe(true);
    const writtenBy = Date.now();

    // Redis stays away for the outage, and until every row is older than the sweeper's grace
    // (so the first sweep after the return takes them all, not the one after).
    await sleep(Math.max(cutAt + OUTAGE_MS, writtenBy + SWEEP_GRACE_MS) - Date.now());
    expect(await healthOf(`${server.baseUrl}/health`)).toBe(503);
    expect((await emailRows()).filter((e) => !before.has(e.id))).toEqual(written);
    const ids = written.map((e) => e.id);
    const received = (id: string) =>
      sink.messages.filter((m) => m.messageId === `<${id}@127.0.0.1>`).length;
    expect(ids.filter((id) => received(id) > 0)).toEqual([]);

    proxy.restore();
    await waitUntil(async () => (await healthOf(`${server.baseUrl}/health`)) === 200, 15_000);
    await waitUntil(async () => (await healthOf(workerHealth)) === 200, 30_000, worker);
    // The worker reconnects (BullMQ waits up to 20 s between tries), then one sweep queues all.
    await waitUntil(async () => ids.every((id) => received(id) === 1), 60_000, worker);

    await sleep(1_500);
    expect(ids.map(received)).toEqual(ids.map(() => 1));
    const after = (await emailRows()).filter((e) => ids.includes(e.id));
    expect(after.map((e) => [e.status, e.attempts])).toEqual(ids.map(() => ['sent', 1]));
  });
});
