import { ConfigError, DEFAULT_SESSION_SECRET, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('fills defaults for the demo', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      PORT: 3000,
      REDIS_URL: 'redis://127.0.0.1:6379',
      NODE_ENV: 'development',
      REQUIRE_STAFF_MFA: false,
    });
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it('retries jobs 5 times from 5 s and sweeps the mail every 30 s unless told otherwise', () => {
    expect(loadConfig({})).toMatchObject({
      JOB_ATTEMPTS: 5,
      JOB_BACKOFF_MS: 5_000,
      MAIL_SWEEP_SECONDS: 30,
    });
    expect(
      loadConfig({ JOB_ATTEMPTS: '8', JOB_BACKOFF_MS: '2000', MAIL_SWEEP_SECONDS: '60' }),
    ).toMatchObject({ JOB_ATTEMPTS: 8, JOB_BACKOFF_MS: 2_000, MAIL_SWEEP_SECONDS: 60 });
  });

  it('reads numbers and booleans from text', () => {
    expect(loadConfig({ PORT: '8080', REQUIRE_STAFF_MFA: 'true' })).toMatchObject({
      PORT: 8080,
      REQUIRE_STAFF_MFA: true,
    });
  });

  it.each([
    [{ PORT: 'eighty' }, /^Configuration: PORT /],
    [{ DATABASE_URL: 'mysql://x' }, /^Configuration: DATABASE_URL /],
    [{ DATABASE_URL: 'nope' }, /^Configuration: DATABASE_URL /],
    [{ NODE_ENV: 'staging' }, /^Configuration: NODE_ENV /],
    [{ SESSION_SECRET: 'short' }, /^Configuration: SESSION_SECRET /],
    [{ JOB_ATTEMPTS: '0' }, /^Configuration: JOB_ATTEMPTS /],
    [{ JOB_BACKOFF_MS: '10' }, /^Configuration: JOB_BACKOFF_MS /],
    [{ MAIL_SWEEP_SECONDS: 'often' }, /^Configuration: MAIL_SWEEP_SECONDS /],
  ])('stops on a bad variable with one line naming it: %j', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  const production = {
    NODE_ENV: 'production',
    DATABASE_URL: 'postgres://db/grants',
    SMTP_URL: 'smtp://mail:25',
    SESSION_SECRET: 'x'.repeat(40),
  };

  it('accepts a complete production configuration', () =>
    expect(loadConfig(production).isProduction).toBe(true));

  it('refuses the default secret in production', () =>
    expect(() => loadConfig({ ...production, SESSION_SECRET: DEFAULT_SESSION_SECRET })).toThrow(
      'SESSION_SECRET must be set',
    ));

  it('refuses production without a database or SMTP server', () => {
    expect(() => loadConfig({ ...production, DATABASE_URL: '' })).toThrow(
      'DATABASE_URL is required in production',
    );
    expect(() => loadConfig({ ...production, SMTP_URL: '' })).toThrow(
      'SMTP_URL is required in production',
    );
  });
});
