import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';

export const DEFAULT_SESSION_SECRET = 'development-only-session-secret-change-me';

const toBool = ({ value }: { value: unknown }) =>
  value === undefined || value === ''
    ? undefined
    : value === true || value === 'true' || value === '1';
const toInt = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : Number(value);
const emptyToUndefined = ({ value }: { value: unknown }) => (value === '' ? undefined : value);

/**
 * Every setting the apps read. Nothing else reads process.env: a bad or missing variable stops
 * start-up with one line naming it (see loadConfig).
 */
export class AppConfig {
  @IsIn(['development', 'test', 'production'])
  NODE_ENV: 'development' | 'test' | 'production' = 'development';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsString()
  HOST = '127.0.0.1';

  /** Base of every link in emails; must be where people reach the server. */
  @IsUrl({ require_tld: false, require_protocol: true })
  PUBLIC_URL = 'http://localhost:3000';

  /** Unset: an embedded PostgreSQL is started under DATA_DIR (demo and development only). */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['postgres', 'postgresql'] })
  DATABASE_URL?: string;

  /**
   * Database connections per process. A vote holds one for its whole transaction, so a busy
   * vote wants more than the default; PostgreSQL's max_connections must cover every process.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_SIZE = 10;

  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['redis', 'rediss'] })
  REDIS_URL = 'redis://127.0.0.1:6379';

  /** Key prefix for every BullMQ key, so several deployments (or test runs) share one Redis. */
  @IsString()
  @MinLength(1)
  REDIS_PREFIX = 'grants';

  /** Unset: mail is stored in the local mailbox shown at /dev/mail (not allowed in production). */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['smtp', 'smtps'] })
  SMTP_URL?: string;

  @IsEmail({ require_tld: false })
  MAIL_FROM = 'grants@opcc.localhost';

  @IsString()
  @MinLength(32)
  SESSION_SECRET = DEFAULT_SESSION_SECRET;

  @Transform(toBool)
  @IsBoolean()
  REQUIRE_STAFF_MFA = false;

  @Transform(toInt)
  @IsInt()
  @Min(5)
  @Max(24 * 60)
  SESSION_TTL_MINUTES = 8 * 60;

  @IsString()
  SERVICE_NAME = 'Apply for a community safety grant';

  @IsString()
  OFFICE_NAME = 'Office of the Police and Crime Commissioner';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** Where the embedded PostgreSQL and Redis keep their data. */
  @IsString()
  DATA_DIR = './.data';

  /** Behind a load balancer: take the client's address from X-Forwarded-For (rate limits need it). */
  @Transform(toBool)
  @IsBoolean()
  TRUST_PROXY = false;

  /** Requests per minute from one address to any route (a ceiling against floods). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_PER_MINUTE = 600;

  /**
   * How long a public round page, rendered once, is served to visitors who are not signed in
   * (each still gets its own CSP nonce). 0 renders every request.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(300)
  PUBLIC_PAGE_CACHE_SECONDS = 5;

  /** Tries of every background job (an email, a round's timer) before it is left failed. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(50)
  JOB_ATTEMPTS = 5;

  /** The wait before a job's second try; each later wait doubles (exponential backoff). */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(3_600_000)
  JOB_BACKOFF_MS = 5_000;

  /**
   * How often the mail sweeper looks for emails whose job never reached Redis (or gave up) and for
   * sends cut off mid-way.
   */
  @Transform(toInt)
  @IsInt()
  @Min(5)
  @Max(3600)
  MAIL_SWEEP_SECONDS = 30;

  /** Sign-in attempts per minute from one address (accounts also lock after 5 wrong passwords). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  SIGN_IN_ATTEMPTS_PER_MINUTE = 10;

  /** Requests that send an email (confirmation links, codes) per hour, per address and per recipient. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  EMAIL_SENDS_PER_HOUR = 5;

  /**
   * Votes cast per minute from one address. Generous: a library, school or care home may share
   * one address, and each vote already needs its own proved email.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  VOTES_PER_MINUTE_PER_IP = 120;

  /** Refuse voting codes for addresses at disposable email services (the `mailchecker` list). */
  @Transform(toBool)
  @IsBoolean()
  REFUSE_DISPOSABLE_EMAILS = true;

  /** Days an organisation has to accept a grant offer before it lapses and its money returns. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(365)
  OFFER_VALID_DAYS = 28;

  /**
   * The publisher prefix 360Giving registered for this office ("360G-" and a short code): grant
   * identifiers in the open data file, and identifiers of groups with no charity or company number.
   */
  @Matches(/^360G-[A-Za-z0-9-]+$/, {
    message: 'OPEN_DATA_PREFIX must be 360G- followed by letters, digits or hyphens',
  })
  OPEN_DATA_PREFIX = '360G-opcc';

  /** The worker's only HTTP: GET /health on this port (0 turns it off). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  WORKER_HEALTH_PORT = 3001;

  /** Run the BullMQ processors inside the server process (the demo does). */
  @Transform(toBool)
  @IsBoolean()
  RUN_WORKER_IN_SERVER = false;

  get isProduction(): boolean {
    return this.NODE_ENV === 'production';
  }
}

export class ConfigError extends Error {}

/** Builds the configuration from an environment, or throws one line naming the bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const known = Object.keys(new AppConfig());
  const raw: Record<string, string> = {};
  for (const key of known) {
    const value = env[key];
    if (value !== undefined) raw[key] = value;
  }
  const config = plainToInstance(AppConfig, raw);
  const errors = validateSync(config, { whitelist: true });
  if (errors.length > 0) {
    const first = errors[0];
    const reason = Object.values(first.constraints ?? {})[0] ?? 'is invalid';
    throw new ConfigError(
      `Configuration: ${first.property} ${reason.replace(`${first.property} `, '')}`,
    );
  }
  if (config.isProduction) {
    if (config.SESSION_SECRET === DEFAULT_SESSION_SECRET)
      throw new ConfigError(
        'Configuration: SESSION_SECRET must be set to a secret of your own in production',
      );
    if (!config.DATABASE_URL)
      throw new ConfigError('Configuration: DATABASE_URL is required in production');
    if (!config.SMTP_URL)
      throw new ConfigError('Configuration: SMTP_URL is required in production');
  }
  return config;
}
