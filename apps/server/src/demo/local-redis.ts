import { ChildProcess, spawn } from 'node:child_process';
import { accessSync, constants, mkdirSync } from 'node:fs';
import { connect } from 'node:net';
import { delimiter, join, resolve } from 'node:path';
import { DemoStartupError } from './embedded-postgres';
import { firstFreePort } from './ports';

const DEFAULT_PORT = 6379;

export const REDIS_HELP =
  'Redis is not running on 127.0.0.1:6379 and redis-server is not installed: start one with `docker compose -f docker/compose.yml up -d redis` or `apt-get install redis-server`, or set REDIS_URL';

export type RedisProbe = 'redis' | 'redis-needs-auth' | 'nothing' | 'other';

/** What answers on 127.0.0.1:port: Redis, nothing, or something that is not Redis. */
export function probeRedis(
  port: number,
  host = '127.0.0.1',
  timeoutMs = 1500,
): Promise<RedisProbe> {
  return new Promise((done) => {
    let settled = false;
    let reply = '';
    const socket = connect({ host, port });
    const finish = (result: RedisProbe) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      done(result);
    };
    const timer = setTimeout(() => finish(reply ? 'other' : 'nothing'), timeoutMs);
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk: Buffer) => {
      reply += chunk.toString('latin1');
      if (!reply.includes('\r\n')) return;
      if (reply.startsWith('+PONG')) finish('redis');
      else if (reply.startsWith('-NOAUTH') || /^-(ERR|WRONGPASS).*auth/i.test(reply))
        finish('redis-needs-auth');
      else finish('other');
    });
    socket.once('error', (err: NodeJS.ErrnoException) =>
      finish(err.code === 'ECONNREFUSED' ? 'nothing' : 'other'),
    );
    socket.once('close', () => finish(reply ? 'other' : 'nothing'));
  });
}

export interface LocalRedis {
  url: string;
  /** Set when the demo started this Redis and must stop it. */
  process: ChildProcess | null;
  stop(): Promise<void>;
}

/**
 * Redis for the demo when REDIS_URL is unset: the one on 127.0.0.1:6379 if it answers; else a
 * redis-server from the PATH with its data under <dataDir>/redis; else one line on how to get it.
 */
export async function useOrStartRedis(dataDirRoot: string): Promise<LocalRedis> {
  const found = await probeRedis(DEFAULT_PORT);
  if (found === 'redis')
    return { url: `redis://127.0.0.1:${DEFAULT_PORT}`, process: null, stop: async () => {} };
  if (found === 'redis-needs-auth')
    throw new DemoStartupError(
      'Redis on 127.0.0.1:6379 needs a password: set REDIS_URL=redis://:<password>@127.0.0.1:6379',
    );
  const binary = findOnPath('redis-server');
  if (!binary) throw new DemoStartupError(REDIS_HELP);

  // 6379 is free, or taken by something that is not Redis: then use another port.
  const port = found === 'nothing' ? DEFAULT_PORT : await firstFreePort(DEFAULT_PORT + 1);
  const dir = resolve(dataDirRoot, 'redis');
  mkdirSync(dir, { recursive: true });
  const child = spawn(
    binary,
    [
      '--bind',
      '127.0.0.1',
      '--port',
      String(port),
      '--dir',
      dir,
      '--daemonize',
      'no',
      '--appendonly',
      'yes',
      '--appendfsync',
      'everysec',
      '--save',
      '',
      // BullMQ needs every key kept: evicting one would lose jobs.
      '--maxmemory-policy',
      'noeviction',
      '--logfile',
      '',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let log = '';
  const keep = (chunk: Buffer) => (log = (log + chunk.toString()).slice(-4000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.once('error', (err) => (log += `\n${err.message}`));

  const deadline = Date.now() + 15_000;
  while ((await probeRedis(port, '127.0.0.1', 500)) !== 'redis') {
    if (child.exitCode !== null || child.signalCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new DemoStartupError(
        `redis-server did not start on 127.0.0.1:${port}:\n${log.trim().split('\n').slice(-10).join('\n')}`,
      );
    }
    await new Promise((r) => setTimeout(r, 100));
  }

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    // SIGTERM: Redis flushes its append-only file and exits.
    child.kill('SIGTERM');
    const timeout = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timeout);
  };
  return { url: `redis://127.0.0.1:${port}`, process: child, stop };
}

function findOnPath(name: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return null;
}
