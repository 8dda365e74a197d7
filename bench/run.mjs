// npm run bench: the public round page and the health endpoint of the built server, each at
// 100 connections, beside a bare Fastify endpoint measured the same way in the same run; then
// vote submission at 200 connections beside a bare Fastify + pg insert, and the count of a
// ballot of 1,000,000 votes.
// Plain Node (ESM); the npm script builds first. See bench/README.md.
import autocannon from 'autocannon';
import Redis from 'ioredis';
import pg from 'pg';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { createServer } from 'node:net';
import { dirname, join, relative } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath, URL } from 'node:url';
import {
  ASSESSORS,
  CRITERIA,
  SCORED_APPLICATIONS,
  seedScoredRound,
  timeSequential,
} from './scores.mjs';
import {
  castEveryVote,
  clientAddress,
  seedVoteRound,
  timeTallySql,
  voteRequests,
} from './votes.mjs';
import { timeRoundReport } from './reports.mjs';
import { countSubmitted, seedSubmitDrafts, submitRequests } from './applications.mjs';
import { noticeRows, seedSubscribers, startSink, waitForMessages } from './fanout.mjs';
import { checkTargets, printTargets } from './targets.mjs';

// Node's own fetch (the lint config lists only a few globals for plain scripts).
const { fetch } = globalThis;
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const PG_ADMIN_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 100);
const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 3);
const VOTE_CONNECTIONS = Number(process.env.BENCH_VOTE_CONNECTIONS ?? 200);
const VOTE_VOTERS = Number(process.env.BENCH_VOTERS ?? 100_000);
const TALLY_VOTES = Number(process.env.BENCH_TALLY_VOTES ?? 1_000_000);
const SUBMIT_DRAFTS = Number(process.env.BENCH_SUBMIT_DRAFTS ?? 40_000);
const FANOUT_NOTICES = Number(process.env.BENCH_FANOUT ?? 10_000);
const FUND_SLUG = 'commissioners-safety-fund';
// As docker/Dockerfile starts the server: a larger young generation, so the short-lived objects
// of a busy request path die young instead of being promoted and collected again.
const SERVER_NODE_FLAGS = ['--max-semi-space-size=64'];

const suffix = `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
const database = `grants_bench_${suffix}`;
const redisPrefix = `grants-bench-${suffix}`;
const children = [];
const log = (line) => process.stderr.write(`${line}\n`);

async function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

function launch(name, args, env) {
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (c) => (output += c));
  child.stderr.on('data', (c) => (output += c));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const proc = {
    name,
    child,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
  children.push(proc);
  return proc;
}

async function waitUntil(what, check, proc, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    if (proc && proc.child.exitCode !== null)
      throw new Error(
        `${proc.name} exited while waiting for ${what}:\n${proc.output().slice(-3000)}`,
      );
    await sleep(200);
  }
  throw new Error(`Timed out waiting for ${what}${proc ? `:\n${proc.output().slice(-3000)}` : ''}`);
}

function runCli(args, env) {
  return new Promise((resolve, reject) => {
    const proc = launch('cli', [join(ROOT, 'dist/apps/server/src/cli.js'), ...args], env);
    proc.child.once('exit', (code) =>
      code === 0
        ? resolve(proc.output())
        : reject(new Error(`cli ${args[0]} failed:\n${proc.output()}`)),
    );
  });
}

async function api(baseUrl, method, path, body, token) {
  const res = await fetch(baseUrl + path, {
    method,
    headers: {
      ...(body ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return JSON.parse(text);
}

/** A grants officer from the CLI and the fund through the API, as staff would. */
async function seedFund(baseUrl, databaseUrl) {
  const email = 'bench-officer@opcc.localhost';
  const password = randomBytes(18).toString('base64url');
  await runCli(
    // --password=…: a random password may start with '-', which would read as an option.
    ['user:create', '--email', email, '--role', 'grants-officer', `--password=${password}`],
    { DATABASE_URL: databaseUrl, NODE_ENV: 'test' },
  );
  const { token } = await api(baseUrl, 'POST', '/api/v1/auth/login', { email, password });
  await api(
    baseUrl,
    'POST',
    '/api/v1/funds',
    {
      name: "Commissioner's Safety Fund",
      slug: FUND_SLUG,
      code: 'CSF',
      description: 'Themed rounds for community safety projects.',
      owningOffice: 'Office of the Police and Crime Commissioner for Leicestershire',
    },
    token,
  );
  return token;
}

/** A round of the fund, created and scheduled through the API; resolves once its job opened it. */
async function openRound(baseUrl, token, code = 'DIV') {
  const now = Date.now();
  const round = await api(
    baseUrl,
    'POST',
    '/api/v1/rounds',
    {
      fundSlug: FUND_SLUG,
      code,
      title: 'Diversion from ASB and Crime',
      theme: 'Diversion',
      description:
        'Activities for people aged 10 to 24, jointly funded with the Violence Reduction Network.',
      opensAt: new Date(now - 60_000).toISOString(),
      closesAt: new Date(now + 28 * 24 * 3600_000).toISOString(),
      budgetContributions: [
        { sourceName: "Commissioner's Safety Fund", amountPence: 10_000_000 },
        { sourceName: 'Violence Reduction Network', amountPence: 10_403_033 },
      ],
      minGrantPence: 0,
      maxGrantPence: 2_000_000,
      minDurationMonths: 12,
      maxDurationMonths: 24,
      eligibleOrganisationTypes: [
        'charity',
        'community-group',
        'faith-group',
        'sports-or-social-club',
      ],
      planThemes: ['Curbing violent crime', 'Partnerships'],
      areas: [],
      decisionMethod: 'scored',
      recommendThresholdPercent: 70,
      reserveThresholdPercent: 60,
    },
    token,
  );
  await api(baseUrl, 'POST', `/api/v1/rounds/${round.id}/schedule`, {}, token);
  // Its open job is due at once; the job processors run in the server (or worker) process.
  await waitUntil(
    'the round to open',
    async () => (await api(baseUrl, 'GET', `/api/v1/rounds/${round.id}`)).status === 'open',
  );
  return round.id;
}

/** One open round, seeded as staff would. */
async function seed(baseUrl, databaseUrl) {
  const token = await seedFund(baseUrl, databaseUrl);
  return { roundId: await openRound(baseUrl, token), token };
}

/**
 * The app rate-limits per client address (600 a minute). Behind a proxy (TRUST_PROXY) the
 * address comes from X-Forwarded-For, so the load is spread over many client addresses, as
 * real traffic is, rather than measuring 429 answers to one.
 */
let clientCounter = 0;
function asManyClients(request) {
  clientCounter = (clientCounter + 1) % 16_777_216;
  return {
    ...request,
    headers: { ...request.headers, 'x-forwarded-for': clientAddress(clientCounter) },
  };
}

async function measure(
  name,
  url,
  { manyClients = false, connections = CONNECTIONS, requests = undefined } = {},
) {
  const options = {
    url,
    connections,
    pipelining: 1,
    requests:
      requests ?? (manyClients ? [{ method: 'GET', setupRequest: asManyClients }] : undefined),
  };
  log(`  ${name}: warm-up ${WARMUP} s, then ${DURATION} s at ${connections} connections`);
  await autocannon({ ...options, duration: WARMUP });
  const result = await autocannon({ ...options, duration: DURATION });
  return {
    name,
    path: new URL(url).pathname,
    connections,
    requestsPerSecond: Math.round(result.requests.average),
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
    non2xx: result.non2xx,
    requests: result.requests.total,
    statusCodes: result.statusCodeStats,
  };
}

function printTable(rows, baseline) {
  const header = ['path', 'conns', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'vs baseline'];
  const body = rows.map((r) => [
    `${r.name} ${r.path}`,
    String(r.connections),
    String(r.requestsPerSecond),
    String(r.latencyP50Ms),
    String(r.latencyP99Ms),
    String(r.errors),
    baseline ? `${(r.requestsPerSecond / baseline).toFixed(2)}x` : '-',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const b of body) console.log(line(b));
}

/** The round page and health under load, and the scores pages one request at a time. */
async function measureRoundAndScores({ baseUrl, databaseUrl, roundId, token }, rows) {
  rows.push(await measure('health', `${baseUrl}/health`, { manyClients: true }));
  rows.push(await measure('round page', `${baseUrl}/rounds/${roundId}`, { manyClients: true }));

  log(
    `Seeding a scored round: ${SCORED_APPLICATIONS} applications x ${ASSESSORS} assessors x ${CRITERIA} criteria`,
  );
  const scoredRoundId = await seedScoredRound(databaseUrl);
  log('Timing one request at a time (an officer opening the page)');
  return [
    await timeSequential('health', `${baseUrl}/health`, null),
    await timeSequential(
      'scores overview',
      `${baseUrl}/api/v1/staff/rounds/${scoredRoundId}/scores`,
      token,
    ),
    // The same scores ranked against the budget, with the officer's overrides: what the
    // recommendation builder and the decision maker's package start from.
    await timeSequential(
      'recommendation',
      `${baseUrl}/api/v1/staff/rounds/${scoredRoundId}/recommendation`,
      token,
    ),
    // The same round decided, with awards: its report (issue 6).
    await timeRoundReport({ baseUrl, databaseUrl, token, scoredRoundId, log }),
  ];
}

/**
 * The server the write paths are measured on: without the job processors (in production the
 * worker is its own process, and here it would spend the cores failing to send receipts to a
 * closed SMTP port); the jobs wait in Redis under its own prefix.
 */
async function startApiServer(serverEntry, serverEnv) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  // BENCH_PROFILE=<dir>: a V8 CPU profile of this server, written when it stops.
  const profile = process.env.BENCH_PROFILE
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`]
    : [];
  const proc = launch('api server', [...SERVER_NODE_FLAGS, ...profile, serverEntry], {
    ...serverEnv,
    PORT: String(port),
    PUBLIC_URL: url,
    REDIS_PREFIX: `${serverEnv.REDIS_PREFIX}-api`,
    RUN_WORKER_IN_SERVER: 'false',
    // The app's own pool (10) unless BENCH_POOL_SIZE says otherwise. On two cores more
    // connections only queue for the CPU and for the round's numbering lock: submissions at 100
    // connections had a p99 of 0.3 to 0.5 s with 5 or 10, 1 to 2 s with 20 or 30, at one rate.
    ...(process.env.BENCH_POOL_SIZE && { DATABASE_POOL_SIZE: process.env.BENCH_POOL_SIZE }),
  });
  await waitUntil('the api server', async () => (await fetch(`${url}/health`)).ok, proc);
  return url;
}

/** Vote submission beside a bare Fastify + pg insert, then the count of a 1,000,000-vote ballot. */
async function measureVotes({ apiUrl: voteUrl, databaseUrl, baselineUrl, token }) {
  log(
    `Seeding a public vote: ${VOTE_VOTERS} verified voters in one ballot, ${TALLY_VOTES} in another`,
  );
  const [open, counted] = await seedVoteRound(databaseUrl, [
    { areaName: 'Winterton', tag: 'w', voters: VOTE_VOTERS, status: 'open' },
    { areaName: 'Bridlington South', tag: 'b', voters: TALLY_VOTES, status: 'closed' },
  ]);
  log(`  ${await castEveryVote(databaseUrl, counted)} votes stored in the closed ballot`);

  log('Measuring vote submission');
  const path = `/api/v1/ballots/${open.ballotId}/votes`;
  const rows = [
    await measure('baseline pg insert', `${baselineUrl}vote`, {
      connections: VOTE_CONNECTIONS,
      requests: voteRequests('/vote', { ...open, tag: 'baseline' }),
    }),
    await measure('vote', `${voteUrl}${path}`, {
      connections: VOTE_CONNECTIONS,
      requests: voteRequests(path, open),
    }),
  ];
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  const {
    rows: [stored],
  } = await db.query(
    `SELECT (SELECT count(*)::int FROM votes WHERE ballot_id = $1) AS votes,
            (SELECT count(*)::int FROM outbound_emails WHERE template = 'ballots/vote-receipt') AS receipts`,
    [open.ballotId],
  );
  await db.end();

  log(`Timing the count of ${TALLY_VOTES} stored votes`);
  const tally = {
    votes: TALLY_VOTES,
    sql: await timeTallySql(databaseUrl, counted.ballotId),
    endpoint: await timeSequential(
      'staff count',
      `${voteUrl}/api/v1/staff/ballots/${counted.ballotId}/count`,
      token,
      7,
    ),
  };
  return { results: rows, stored, tally };
}

/** Application submission at 100 connections: every request submits a different complete draft. */
async function measureSubmit({ apiUrl, databaseUrl, roundId }) {
  log(`Seeding ${SUBMIT_DRAFTS} complete drafts, each from its own applicant and organisation`);
  const ids = await seedSubmitDrafts(databaseUrl, roundId, SUBMIT_DRAFTS, 'submit');
  const row = await measure('application submit', `${apiUrl}/api/v1/applications/<id>/submit`, {
    requests: submitRequests(ids, 'submit'),
  });
  return { ...row, stored: await countSubmitted(databaseUrl, roundId) };
}

/**
 * 10,000 round-opened notices: a server and a worker process of their own (their own database, so
 * no other run's email is in the outbox, and Redis prefix), the worker sending to a local SMTP
 * server. Timed from the schedule request to the last message received.
 */
async function measureFanout({ serverEntry, serverEnv }) {
  const databaseUrl = await createDatabase(`${database}_mail`);
  const sink = await startSink();
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env = {
    ...serverEnv,
    DATABASE_URL: databaseUrl,
    REDIS_PREFIX: `${serverEnv.REDIS_PREFIX}-mail`,
    SMTP_URL: sink.url,
    RUN_WORKER_IN_SERVER: 'false',
  };
  const server = launch('mail server', [...SERVER_NODE_FLAGS, serverEntry], {
    ...env,
    PORT: String(port),
    PUBLIC_URL: url,
  });
  await waitUntil('the mail server', async () => (await fetch(`${url}/health`)).ok, server);
  const worker = launch('worker', [join(ROOT, 'dist/apps/worker/src/main.js')], {
    ...env,
    PUBLIC_URL: url,
    WORKER_HEALTH_PORT: String(await freePort()),
  });
  const token = await seedFund(url, databaseUrl);
  log(`Fan-out: ${await seedSubscribers(databaseUrl, FUND_SLUG, FANOUT_NOTICES)} subscribers`);
  const startedAt = Date.now();
  await openRound(url, token, 'FAN');
  const complete = await waitForMessages(sink, FANOUT_NOTICES, 180_000);
  const recipients = [...sink.perRecipient.values()];
  const result = {
    notices: FANOUT_NOTICES,
    complete,
    seconds: Number(((sink.stats.lastAt - startedAt) / 1000).toFixed(1)),
    received: sink.stats.received,
    distinctRecipients: recipients.length,
    duplicated: recipients.filter((n) => n > 1).length,
    outbox: await noticeRows(databaseUrl, 'subscriptions/round-opened'),
  };
  await worker.stop();
  await server.stop();
  await sink.close();
  return result;
}

function printSubmitAndFanout(submit, fanout) {
  if (submit) {
    printTable([submit], null);
    const { submitted, distinctReferences, audited } = submit.stored;
    console.log(
      `applications submitted ${submitted} (distinct references ${distinctReferences}, audit rows ${audited})`,
    );
  }
  if (fanout)
    console.log(
      `email fan-out: ${fanout.notices} round-opened notices, last received after ${fanout.seconds} s; received ${fanout.received}, distinct recipients ${fanout.distinctRecipients}, duplicated ${fanout.duplicated}; outbox ${JSON.stringify(fanout.outbox)}`,
    );
}

function printSequential(sequential) {
  const labels = sequential.map((s) => `${s.name} ${s.path}`);
  const width = Math.max(...labels.map((l) => l.length));
  console.log(`${'one request at a time'.padEnd(width)}  median ms  p95 ms`);
  sequential.forEach((s, i) =>
    console.log(
      `${labels[i].padEnd(width)}  ${String(s.medianMs).padStart(9)}  ${String(s.p95Ms).padStart(6)}`,
    ),
  );
}

function printVotes({ results, stored, tally }) {
  printTable(results, results[0].requestsPerSecond);
  console.log(
    `votes stored ${stored.votes}, receipt emails written ${stored.receipts} (each 201 writes one of each)`,
  );
  console.log(
    `count of ${tally.votes} votes: SQL as TallyService median ${tally.sql.medianMs} ms (max ${tally.sql.maxMs} ms, ${tally.sql.plan}); GET ${tally.endpoint.path} median ${tally.endpoint.medianMs} ms, p95 ${tally.endpoint.p95Ms} ms`,
  );
}

const databases = [];
async function createDatabase(name) {
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  databases.push(name);
  return Object.assign(new URL(PG_ADMIN_URL), { pathname: `/${name}` }).toString();
}

async function cleanUp() {
  for (const proc of children.reverse()) await proc.stop().catch(() => undefined);
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  // BENCH_KEEP_DB=1 keeps the databases, to look at a query's plan on the data afterwards.
  if (!process.env.BENCH_KEEP_DB)
    for (const name of databases) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
  const redis = new Redis(REDIS_URL);
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${redisPrefix}*`, 'COUNT', 1000);
    if (keys.length) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
  redis.disconnect();
}

async function main() {
  const serverEntry = join(ROOT, 'dist/apps/server/src/main.js');
  if (!existsSync(serverEntry))
    throw new Error(`${serverEntry} is missing: run npm run build first`);

  log(`Database ${database} on ${new URL(PG_ADMIN_URL).host}, Redis prefix ${redisPrefix}`);
  const databaseUrl = await createDatabase(database);

  const baselinePort = await freePort();
  // With the database URL it also serves POST /vote, a bare pg insert.
  const baseline = launch(
    'baseline',
    [join(ROOT, 'bench/baseline-server.mjs'), String(baselinePort), databaseUrl],
    {},
  );
  const baselineUrl = `http://127.0.0.1:${baselinePort}/`;
  await waitUntil('the baseline server', async () => (await fetch(baselineUrl)).ok, baseline);

  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const serverEnv = {
    // Production settings (template cache, security headers), mail to a port nobody listens on:
    // the benchmark sends none.
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    REDIS_URL,
    REDIS_PREFIX: redisPrefix,
    SMTP_URL: 'smtp://127.0.0.1:9',
    SESSION_SECRET: randomBytes(32).toString('hex'),
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: baseUrl,
    LOG_LEVEL: 'warn',
    TRUST_PROXY: 'true',
    RUN_WORKER_IN_SERVER: 'true',
  };
  const server = launch('server', [...SERVER_NODE_FLAGS, serverEntry], serverEnv);
  await waitUntil(
    'the server',
    async () => (await fetch(`${baseUrl}/health`)).status === 200,
    server,
  );

  log('Seeding one open round through the CLI and the API');
  const { roundId, token } = await seed(baseUrl, databaseUrl);
  const page = await fetch(`${baseUrl}/rounds/${roundId}`, { headers: { accept: 'text/html' } });
  const html = await page.text();
  if (page.status !== 200 || !html.includes('Diversion from ASB and Crime'))
    log(
      `Warning: GET /rounds/${roundId} answered ${page.status}; its figures below are not of the page`,
    );

  // BENCH_ONLY=<parts, comma-separated>: pages (health, round page, scores, report), reports (the
  // round report alone), votes, submit, fanout. The bare baseline always runs. Unset: everything.
  const only = new Set((process.env.BENCH_ONLY ?? '').split(',').filter(Boolean));
  const wants = (part) => only.size === 0 || only.has(part);
  log('Measuring');
  const rows = [];
  rows.push(await measure('baseline', baselineUrl));
  let sequential = [];
  if (wants('pages'))
    sequential = await measureRoundAndScores({ baseUrl, databaseUrl, roundId, token }, rows);
  else if (wants('reports'))
    sequential = [
      await timeSequential('health', `${baseUrl}/health`, null),
      await timeRoundReport({ baseUrl, databaseUrl, token, log }),
    ];
  await server.stop();

  let votes = null;
  let submit = null;
  if (wants('votes') || wants('submit')) {
    const apiUrl = await startApiServer(serverEntry, serverEnv);
    if (wants('votes')) votes = await measureVotes({ apiUrl, databaseUrl, baselineUrl, token });
    if (wants('submit')) submit = await measureSubmit({ apiUrl, databaseUrl, roundId });
  }
  const fanout = wants('fanout') ? await measureFanout({ serverEntry, serverEnv }) : null;

  const baselineRate = rows[0].requestsPerSecond;
  for (const row of rows)
    row.ratioToBaseline = Number((row.requestsPerSecond / baselineRate).toFixed(3));
  console.log();
  printTable(rows, baselineRate);
  console.log();
  if (sequential.length > 0) printSequential(sequential);
  console.log();
  if (votes) {
    printVotes(votes);
    console.log();
  }
  printSubmitAndFanout(submit, fanout);
  console.log();
  const targets = checkTargets({ rows, sequential, votes, submit, fanout });
  printTargets(targets);
  console.log();

  const startedAt = new Date();
  const report = {
    at: startedAt.toISOString(),
    node: process.version,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model,
    connections: CONNECTIONS,
    durationSeconds: DURATION,
    warmupSeconds: WARMUP,
    server: {
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      nodeFlags: SERVER_NODE_FLAGS,
      databasePoolSize: process.env.BENCH_POOL_SIZE ?? 'the app default',
    },
    loadAverage: loadavg(),
    results: rows,
    sequential,
    votes,
    submit,
    fanout,
    targets,
  };
  const dir = join(ROOT, 'bench/results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${startedAt.toISOString().replace(/:/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`Written to ${relative(ROOT, file)}`);
}

let cleaning = false;
async function finish(code) {
  if (cleaning) return;
  cleaning = true;
  await cleanUp().catch((err) => log(`Clean-up: ${err.message}`));
  process.exit(code);
}
process.on('SIGINT', () => finish(130));
process.on('SIGTERM', () => finish(143));
main().then(
  () => finish(0),
  (err) => {
    log(err instanceof Error ? err.message : String(err));
    return finish(1);
  },
);
