import { AppConfig, ConfigError, formatUk, loadConfig } from '@grants/core';
import { ROUND_STATUS_LABELS } from '@grants/funds';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createServer } from '../bootstrap/create-server';
import { DEMO_PASSWORD, DEMO_STAFF } from './demo-data';
import { DEMO_APPLICANT_SIGN_INS } from './demo-organisations';
import { DemoCreated, seedDemo } from './demo-seed';
import { DemoStartupError, startEmbeddedPostgres } from './embedded-postgres';
import { useOrStartRedis } from './local-redis';
import { DEMO_SIGNALS, withoutForeignSignalHandlers } from './own-signals';

type Cleanup = { name: string; run: () => Promise<void> };

class StopRequested extends Error {}

const say = (line = '') => process.stdout.write(`${line}\n`);

/**
 * The demo in one process: PostgreSQL (embedded unless DATABASE_URL is set), Redis (the local
 * one, or one it starts), the server with the job processors, the seed, then the sign-ins.
 * A signal stops, in order: the server (finishing requests and jobs), Redis if it started it,
 * then PostgreSQL.
 */
export async function runDemo(env: NodeJS.ProcessEnv): Promise<void> {
  const cleanups: Cleanup[] = [];
  let app: NestFastifyApplication | undefined;
  let stopping = false;
  let ready = false;

  const stopAll = async (force: boolean) => {
    if (app && !force) {
      await app.close().catch((err: unknown) => say(`Server did not stop cleanly: ${String(err)}`));
    }
    for (const cleanup of [...cleanups].reverse()) {
      await cleanup
        .run()
        .catch((err: unknown) => say(`${cleanup.name} did not stop cleanly: ${String(err)}`));
    }
  };

  const onSignal = (signal: string) => {
    if (!ready && !stopping) {
      // Starting up: each step checks this flag, then everything started so far stops in order.
      stopping = true;
      say('Stopping once the current start-up step is done...');
      return;
    }
    if (stopping) {
      // A second Ctrl-C: stop the services now without waiting for the server.
      say('Stopping now.');
      void stopAll(true).finally(() => process.exit(1));
      return;
    }
    stopping = true;
    const order = ['the server', ...cleanups.map((c) => c.name).reverse()].join(', then ');
    say(`\n${signal === 'disconnect' ? 'The demo launcher has gone' : 'Stopping'}: ${order}...`);
    void stopAll(false).then(() => {
      say('Demo stopped.');
      process.exit(0);
    });
  };
  for (const signal of DEMO_SIGNALS) process.on(signal, onSignal);
  // Started by demo.ts with an IPC channel: if the launcher dies, shut down rather than linger.
  process.on('disconnect', () => onSignal('disconnect'));

  const checkpoint = () => {
    if (stopping) throw new StopRequested();
  };

  try {
    let config = loadConfig(env);
    if (config.isProduction)
      throw new DemoStartupError(
        'The demo is not for production: unset NODE_ENV or set it to development',
      );

    let databaseUrl = config.DATABASE_URL;
    let databaseNote = 'DATABASE_URL';
    if (!databaseUrl) {
      say(`Starting PostgreSQL (embedded-postgres, data in ${config.DATA_DIR}/postgres)...`);
      const postgres = await startEmbeddedPostgres(config.DATA_DIR);
      cleanups.push({ name: 'PostgreSQL', run: postgres.stop });
      databaseUrl = postgres.url;
      databaseNote = `embedded PostgreSQL on 127.0.0.1:${postgres.port}, data in ${postgres.dataDir}`;
      checkpoint();
    }

    let redisUrl = env.REDIS_URL ? config.REDIS_URL : undefined;
    let redisNote = 'REDIS_URL';
    if (!redisUrl) {
      const redis = await useOrStartRedis(config.DATA_DIR);
      if (redis.process) {
        say(`Started redis-server on ${redis.url} (data in ${config.DATA_DIR}/redis)`);
        cleanups.push({ name: 'Redis', run: redis.stop });
        redisNote = `${redis.url}, started by the demo`;
      } else {
        redisNote = `${redis.url} (already running)`;
      }
      redisUrl = redis.url;
      checkpoint();
    }

    const port = env.PORT || '3000';
    config = loadConfig({
      ...env,
      DATABASE_URL: databaseUrl,
      REDIS_URL: redisUrl,
      RUN_WORKER_IN_SERVER: 'true',
      PUBLIC_URL: env.PUBLIC_URL || `http://localhost:${port}`,
      // Request logs are JSON lines: quiet by default so the sign-ins stay readable.
      LOG_LEVEL: env.LOG_LEVEL || 'warn',
    });
    say('Starting the server (applying migrations, then the job processors)...');
    app = await withoutForeignSignalHandlers(() => createServer(config));
    checkpoint();
    say('Seeding the demo data...');
    const seed = await seedDemo(app);
    checkpoint();
    say(
      seed.created.length > 0
        ? `Seeded ${seed.created.length} records: ${countsByKind(seed.created)}`
        : 'Demo data already there: kept as it is.',
    );
    await listen(app, config);
    checkpoint();
    ready = true;
    printWelcome(config, seed, databaseNote, redisNote);
  } catch (err) {
    if (err instanceof StopRequested) {
      await stopAll(false);
      say('Demo stopped.');
      process.exit(0);
    }
    say(
      err instanceof ConfigError || err instanceof DemoStartupError
        ? err.message
        : `The demo did not start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
    );
    stopping = true;
    await stopAll(false);
    process.exit(1);
  }
}

async function listen(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  try {
    await app.listen({ port: config.PORT, host: config.HOST });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE')
      throw new DemoStartupError(
        `Port ${config.PORT} is in use: stop what uses it, or run PORT=3001 npm run demo`,
      );
    throw err;
  }
}

function printWelcome(
  config: AppConfig,
  seed: Awaited<ReturnType<typeof seedDemo>>,
  databaseNote: string,
  redisNote: string,
): void {
  const url = config.PUBLIC_URL.replace(/\/$/, '');
  const width =
    Math.max(...[...DEMO_STAFF, ...DEMO_APPLICANT_SIGN_INS].map((s) => s.email.length)) + 2;
  say();
  say(`  ${config.SERVICE_NAME}: demo running`);
  say();
  say(`  Service            ${url}`);
  say(`  Staff sign-in      ${url}/staff/sign-in`);
  say(`  Appraisal queue    ${url}/staff/applications`);
  say(`  Decision records   ${url}/decisions   (published by the Commissioner)`);
  say(
    `  Live grants        ${url}/staff/grants   (by RAG; also /staff/returns and /staff/payments)`,
  );
  say(`  Applicant sign-in  ${url}/sign-in   (with a code sent by email)`);
  say(
    config.SMTP_URL
      ? `  Email              sent through SMTP_URL`
      : `  Email              ${url}/dev/mail   (every email the demo sends lands here)`,
  );
  say(`  API docs           ${url}/api/docs`);
  say();
  say(`  Demo sign-ins (password for each: ${DEMO_PASSWORD} - demo only):`);
  for (const user of DEMO_STAFF) say(`    ${user.email.padEnd(width)}${user.roles.join(', ')}`);
  say();
  say(
    config.SMTP_URL
      ? '  Demo applicants (no password: the sign-in code is emailed to them), for example:'
      : '  Demo applicants (no password: the sign-in code lands in the Email page above), for example:',
  );
  for (const applicant of DEMO_APPLICANT_SIGN_INS)
    say(`    ${applicant.email.padEnd(width)}${applicant.shows}`);
  say();
  say('  Rounds:');
  for (const round of seed.rounds) {
    const when =
      round.status === 'scheduled' || round.status === 'draft'
        ? `opens ${formatUk(round.opensAt)}`
        : round.status === 'open'
          ? `closes ${formatUk(round.closesAt)}`
          : `closed ${formatUk(round.closesAt)}`;
    say(
      `    ${ROUND_STATUS_LABELS[round.status].padEnd(10)} ${round.fund}: ${round.title} (${when})`,
    );
  }
  say();
  say(`  Database: ${databaseNote}`);
  say(`  Redis:    ${redisNote}`);
  say('  Press Ctrl-C to stop.');
  say();
}

/** "5 staff users, 2 funds, 16 applications": one line, however much was seeded. */
export function countsByKind(created: DemoCreated[]): string {
  const counts = new Map<string, number>();
  for (const { kind } of created) counts.set(kind, (counts.get(kind) ?? 0) + 1);
  // Kinds are plural nouns' singulars ("staff user"), except those already plural ("votes").
  return [...counts]
    .map(([kind, n]) => `${n} ${kind}${n === 1 || kind.endsWith('s') ? '' : 's'}`)
    .join(', ');
}
