import { Application } from '@grants/applications';
import { Ballot, TallyService } from '@grants/ballots';
import { JobsService, QueueName } from '@grants/core';
import { ROUND_OPENED_TEMPLATE } from '@grants/subscriptions';
import { jest } from '@jest/globals';
import { Agent } from 'node:http';
import { createOpenBallot } from '../factories/open-ballot.factory';
import { CSF, createFund, diversionJson } from '../factories/round.factory';
import { bearerFor, createStaff } from '../factories/staff.factory';
import { createVoteRound } from '../factories/vote-round.factory';
import { HttpClient } from '../support/http-client';
import { noticeOutcome, noticeRunSettled, seedSubscribers } from '../support/notice-run';
import {
  AppProcess,
  ServerProcess,
  startServer,
  startWorker,
  waitUntil,
} from '../support/server-process';
import { SmtpSink, startSmtpSink } from '../support/smtp-sink';
import { createTestContext, TestContext } from '../support/test-context';
import { postVote, seedVerifiedVoters, voteAttempts } from '../support/vote-burst';

jest.setTimeout(120_000);

const VOTERS = 200;
const TRIES_EACH = 5;
const SUBSCRIBERS = 1000;

/** The job schedulers the workers register, each with its job's name. */
const SCHEDULERS: [QueueName, string, string][] = [
  [QueueName.Rounds, 'rounds-sweep', 'rounds.sweep'],
  [QueueName.Ballots, 'ballots-sweep', 'ballots.sweep'],
  [QueueName.Monitoring, 'monitoring-sweep', 'monitoring.sweep'],
  [QueueName.Mail, 'mail-sweep', 'mail.sweep'],
];

/** How many jobs a worker's log says it finished, by job name (and a part of the job id). */
function jobsDone(worker: AppProcess, name: string, idPart = ''): number {
  return worker
    .output()
    .split('\n')
    .filter(
      (line) =>
        line.includes('"Job done"') && line.includes(`"job":"${name}"`) && line.includes(idPart),
    ).length;
}

/**
 * Two servers and two workers on one PostgreSQL and one Redis, as a scaled-out deployment runs.
 * What must happen once still happens once: a vote per voter whichever server takes it, a
 * scheduled round's opening (and its notices) whichever worker holds the timer, an email
 * whichever worker sends it, and each recurring sweep however many workers register it.
 */
describe('scale-out: two servers and two workers (built apps, shared PostgreSQL and Redis)', () => {
  let ctx: TestContext;
  let sink: SmtpSink;
  const servers: ServerProcess[] = [];
  const workers: AppProcess[] = [];

  beforeAll(async () => {
    sink = await startSmtpSink();
    ctx = await createTestContext();
    const env = {
      REDIS_PREFIX: ctx.config.REDIS_PREFIX,
      SMTP_URL: sink.url,
      // Every request comes from 127.0.0.1: the per-address limits must not be what answers.
      VOTES_PER_MINUTE_PER_IP: '100000',
      RATE_LIMIT_PER_MINUTE: '100000',
    };
    for (let i = 0; i < 2; i += 1) servers.push(await startServer({ env }));
    const workerEnv = { ...servers[0].env, WORKER_HEALTH_PORT: '0', LOG_LEVEL: 'info' };
    for (let i = 0; i < 2; i += 1) workers.push(await startWorker(workerEnv));
  }, 90_000);

  afterAll(async () => {
    for (const proc of [...workers, ...servers]) await proc.stop();
    await ctx?.close();
    await sink?.stop();
  });

  it('counts exactly 200 of 1,000 concurrent votes spread over both servers', async () => {
    const { round, byArea } = await createVoteRound(ctx, 3);
    const shortlist: Application[] = byArea['Winterton'];
    const ballot: Ballot = await createOpenBallot(ctx, round, 'Winterton', shortlist, 'DN15 9');
    const tokens = await seedVerifiedVoters(ctx, ballot.id, VOTERS, 'scale');
    const attempts = voteAttempts(tokens, shortlist, TRIES_EACH);
    const agent = new Agent({ keepAlive: true, maxSockets: VOTERS * TRIES_EACH });
    const outcomes = await Promise.all(
      attempts.map((a, i) =>
        postVote(
          agent,
          `${servers[i % 2].baseUrl}/api/v1/ballots/${ballot.id}/votes`,
          a.token,
          a.applicationId,
        ),
      ),
    );
    agent.destroy();

    const statuses = outcomes.map((o) => (o.kind === 'answer' ? o.status : o.error));
    const byStatus = statuses.reduce<Record<string, number>>(
      (acc, s) => ({ ...acc, [s]: (acc[s] ?? 0) + 1 }),
      {},
    );
    expect(byStatus).toEqual({ 201: VOTERS, 409: VOTERS * (TRIES_EACH - 1) });
    // Each server took votes and gave receipts: the burst really was spread.
    for (const k of [0, 1])
      expect(statuses.filter((s, i) => i % 2 === k && s === 201).length).toBeGreaterThan(0);
    const receipts = new Set(
      outcomes.flatMap((o, i) =>
        o.kind === 'answer' && o.status === 201 ? [attempts[i].token] : [],
      ),
    );
    expect(receipts.size).toBe(VOTERS);
    const count = await ctx.get(TallyService).count(ballot.id);
    expect(count.totalVotes).toBe(VOTERS);
    const [{ voters }] = await ctx.dataSource.query(
      `SELECT count(DISTINCT voter_id)::int AS voters FROM votes WHERE ballot_id = $1`,
      [ballot.id],
    );
    expect(voters).toBe(VOTERS);
  });

  it('opens a scheduled round once and sends its 1,000 notices once each, over both workers', async () => {
    const fund = await createFund(ctx, CSF);
    await seedSubscribers(ctx, fund.id, SUBSCRIBERS);
    const officer = await createStaff(ctx, 'grants-officer');
    const bearer = await bearerFor(servers[0].baseUrl, officer.email);
    const created = await new HttpClient(servers[0].baseUrl)
      .withBearer(bearer)
      .post(
        '/api/v1/rounds',
        diversionJson({ code: 'SCALE', opensAt: new Date(Date.now() + 3000).toISOString() }),
      );
    expect(created.status).toBe(201);
    const roundId = created.json().id as string;
    // Scheduled through the other server: the timer lives in Redis, not in either process.
    const scheduled = await new HttpClient(servers[1].baseUrl)
      .withBearer(bearer)
      .post(`/api/v1/rounds/${roundId}/schedule`);
    expect(scheduled.status).toBeLessThan(300);

    const noticeIds = async (): Promise<string[]> =>
      (
        await ctx.dataSource.query(
          `SELECT id FROM outbound_emails WHERE template = $1 AND dedupe_key LIKE $2`,
          [ROUND_OPENED_TEMPLATE, `round-opened/${roundId}/%`],
        )
      ).map((r: { id: string }) => r.id);
    await waitUntil(async () => (await noticeIds()).length === SUBSCRIBERS, 30_000);
    const ids = await noticeIds();
    await waitUntil(() => noticeRunSettled(ctx, ids), 60_000);

    const [{ opened }] = await ctx.dataSource.query(
      `SELECT count(*)::int AS opened FROM audit_events WHERE action = 'round.opened' AND subject_id = $1`,
      [roundId],
    );
    expect(opened).toBe(1);
    const { byStatus, received, duplicates } = await noticeOutcome(ctx, sink, ids);
    expect(byStatus['sent']).toHaveLength(SUBSCRIBERS);
    expect(duplicates).toEqual([]);
    expect(ids.every((id) => received.get(id) === 1)).toBe(true);
    const subscribers = new Set(
      sink.messages
        .filter((m) => m.subject.endsWith('is open for applications'))
        .flatMap((m) => m.to),
    );
    expect(subscribers.size).toBe(SUBSCRIBERS);
    // Both workers sent some: the run was shared, not left to one of them.
    for (const worker of workers) expect(jobsDone(worker, 'mail.send')).toBeGreaterThan(0);
    // The opening ran once, in one worker; the other had nothing to do for it.
    expect(workers.map((w) => jobsDone(w, 'round.open', roundId)).sort()).toEqual([0, 1]);
  });

  it('registers each recurring sweep once, however many workers start', async () => {
    const jobs = ctx.get(JobsService);
    for (const [queueName, schedulerId, jobName] of SCHEDULERS) {
      const queue = jobs.queue(queueName);
      const schedulers = await queue.getJobSchedulers();
      expect(schedulers.map((s) => s.key)).toEqual([schedulerId]);
      // One next run waiting, not one per worker.
      const delayed = (await queue.getJobs(['delayed', 'waiting'])).filter(
        (j) => j.name === jobName,
      );
      expect(delayed).toHaveLength(1);
    }
    // The five-minute sweep has had its first run and no other, from one worker or the other.
    expect(workers.map((w) => jobsDone(w, 'monitoring.sweep')).reduce((a, b) => a + b, 0)).toBe(1);
  });
});
