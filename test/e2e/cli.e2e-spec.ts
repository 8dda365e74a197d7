import { StaffAuthService } from '@grants/identity';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { testEnv } from '../support/server-process';
import { createTestContext, TestContext } from '../support/test-context';

const run = promisify(execFile);
const CLI = join(process.cwd(), 'dist/apps/server/src/cli.js');

/**
 * The command line creates the first admin before anything else runs: it must work with only the
 * database, whatever other modules need (Redis, mail) for the server.
 */
describe('the command line (built, as run in a container)', () => {
  let ctx: TestContext;
  // Nothing listens on port 1: the CLI must not need Redis.
  const env = () => ({
    PATH: process.env.PATH ?? '',
    ...testEnv({ REDIS_URL: 'redis://127.0.0.1:1' }),
  });

  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(() => ctx?.close());

  it('creates a staff user who can then sign in, and lists them, without Redis', async () => {
    const email = `grace-${Date.now()}@opcc.example`;
    const password = 'a-long-enough-password';
    const created = await run(
      process.execPath,
      [CLI, 'user:create', '--email', email, '--role', 'grants-officer', '--password', password],
      { env: env(), cwd: process.cwd() },
    );
    expect(created.stdout).toContain(email);
    const listed = await run(process.execPath, [CLI, 'user:list'], {
      env: env(),
      cwd: process.cwd(),
    });
    expect(listed.stdout).toContain(email);
    const signedIn = await ctx.get(StaffAuthService).signIn(email, password, 'bearer');
    expect(signedIn.user.roles).toEqual(['grants-officer']);
  });

  it('says what to fix in one line and exits 1 on bad input', async () => {
    const failed = await run(
      process.execPath,
      [CLI, 'user:create', '--email', 'not-an-email', '--role', 'admin'],
      {
        env: env(),
        cwd: process.cwd(),
      },
    ).catch((error: { code: number; stderr: string }) => error);
    expect(failed).toMatchObject({ code: 1 });
    expect((failed as { stderr: string }).stderr.trim().split('\n')).toHaveLength(1);
  });
});
