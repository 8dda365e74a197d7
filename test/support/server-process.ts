import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { prepareTestDatabase, testDatabaseUrl, TEST_REDIS_URL, testRedisPrefix } from './test-env';

/**
 * End-to-end tests run the built apps as real processes (as production does) and talk HTTP to
 * them: nothing in the request path is replaced. `npm test` builds first.
 */
export interface AppProcess {
  child: ChildProcess;
  output: () => string;
  /** SIGTERM and wait for exit; resolves with the exit code, or the signal that ended it. */
  stop(): Promise<number | string | null>;
  /** SIGKILL, no clean-up (fault tests). */
  kill(): Promise<void>;
}

export interface ServerProcess extends AppProcess {
  baseUrl: string;
  env: Record<string, string>;
}

// Jest runs from the project root (ES modules have no __dirname).
const ROOT = process.cwd();

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** This file's environment: the run's database and a Redis prefix of its own. */
export function testEnv(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: 'test',
    DATABASE_URL: testDatabaseUrl(),
    REDIS_URL: TEST_REDIS_URL,
    REDIS_PREFIX: `${testRedisPrefix()}-${randomBytes(3).toString('hex')}`,
    LOG_LEVEL: 'warn',
    // Tests look at a page right after changing what it shows; the page cache has its own test.
    PUBLIC_PAGE_CACHE_SECONDS: '0',
    ...overrides,
  };
}

function launch(entry: string, env: Record<string, string>): AppProcess {
  const script = join(ROOT, 'dist', entry);
  if (!existsSync(script))
    throw new Error(`${script} is missing: run npm run build first (npm test does)`);
  const child = spawn(process.execPath, [script], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const exited = new Promise<number | string | null>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal)),
  );
  return {
    child,
    output: () => log,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
    kill: async () => {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

/** Starts the built server and waits until /health answers (200, or any answer when unhealthy is expected). */
export async function startServer(
  options: { env?: Record<string, string>; withWorker?: boolean; expectUnhealthy?: boolean } = {},
): Promise<ServerProcess> {
  await prepareTestDatabase();
  const port = await freePort();
  const env = testEnv({
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    RUN_WORKER_IN_SERVER: options.withWorker ? 'true' : 'false',
    ...options.env,
  });
  const proc = launch('apps/server/src/main.js', env);
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitUntil(
    async () => {
      const status = (await fetch(`${baseUrl}/health`).catch(() => null))?.status;
      return options.expectUnhealthy ? status !== undefined : status === 200;
    },
    20_000,
    proc,
  );
  return { ...proc, baseUrl, env };
}

export async function startWorker(env: Record<string, string>): Promise<AppProcess> {
  await prepareTestDatabase();
  return launch('apps/worker/src/main.js', env);
}

export async function waitUntil(
  check: () => Promise<boolean>,
  timeoutMs = 10_000,
  proc?: AppProcess,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    if (proc && proc.child.exitCode !== null)
      throw new Error(`Process exited (${proc.child.exitCode}):\n${proc.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(
    `Timed out after ${timeoutMs} ms${proc ? `:\n${proc.output().slice(-4000)}` : ''}`,
  );
}
