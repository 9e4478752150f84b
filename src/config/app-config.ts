import { plainToInstance, Transform } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  ValidateIf,
  validateSync,
} from 'class-validator';
import { DEFAULT_BULK_WRITE_HOLD_MS } from '../event-store/bulk-writes';
import { DEFAULT_MAX_TOKEN_LIFETIME_SECONDS } from '../identity/token-lifetime';
import { printableValue } from './printable-value';
import { IntervalOrOff } from './interval-or-off';
import { WholeNumberBetween } from './whole-number-between';
import { refuseImpossibleProxies, TRUST_PROXY_PATTERN } from './trust-proxy';
import { REDIS_URL_PATTERN, REDIS_URL_RULE } from './redis-url';
import { ConfigError } from './config-error';

export { ConfigError };

/** Every setting of the service, read from the environment once at start and validated. */
export class AppConfig {
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/cadreflow';

  @Matches(REDIS_URL_PATTERN, { message: REDIS_URL_RULE })
  REDIS_URL = 'redis://127.0.0.1:6379';

  @IsIn(['postgres', 'kurrentdb'], { message: 'EVENT_STORE must be "postgres" or "kurrentdb"' })
  EVENT_STORE: 'postgres' | 'kurrentdb' = 'postgres';

  @ValidateIf(
    (config: AppConfig) => config.EVENT_STORE === 'kurrentdb' || config.KURRENTDB_URL !== undefined,
  )
  @Matches(/^(kurrentdb|esdb|kdb)(\+discover)?:\/\/\S+$/, {
    message:
      'KURRENTDB_URL must be a kurrentdb:// or esdb:// connection string (required when EVENT_STORE=kurrentdb)',
  })
  KURRENTDB_URL?: string;

  @WholeNumberBetween('EVENT_STORE_APPEND_STATEMENTS', 1, 32, 2)
  EVENT_STORE_APPEND_STATEMENTS = 2;

  @WholeNumberBetween('PORT', 1, 65535, 3000)
  PORT = 3000;

  /**
   * How long the start keeps retrying, with a pause that doubles from 1 s to 10 s, while
   * PostgreSQL, Redis or KurrentDB do not answer yet (containers starting together); 0 gives up
   * at the first failure.
   */
  @WholeNumberBetween('STARTUP_WAIT_SECONDS', 0, 3600, 0)
  STARTUP_WAIT_SECONDS = 0;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
    message: 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent',
  })
  LOG_LEVEL = 'info';

  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'JWT_SECRET must be at least 16 characters' })
  JWT_SECRET?: string;

  @IsOptional()
  @Matches(/^https?:\/\/\S+$/, {
    message: "JWT_JWKS_URL must be an http(s) URL of the identity provider's JWKS",
  })
  JWT_JWKS_URL?: string;

  @IsOptional()
  @IsString()
  JWT_ISSUER?: string;

  @IsOptional()
  @IsString()
  JWT_AUDIENCE?: string;

  /** A static bearer token for Prometheus to read `/metrics` with (admins' tokens work too). */
  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'METRICS_TOKEN must be at least 16 characters' })
  METRICS_TOKEN?: string;

  /**
   * The OIDC identity provider the web app signs in with (authorization code + PKCE). Its
   * access tokens are verified like any other: by JWT_JWKS_URL, and JWT_ISSUER defaults to it.
   */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s?#]+$/, {
    message: 'OIDC_ISSUER must be the http(s) URL of the identity provider (its issuer)',
  })
  OIDC_ISSUER?: string;

  /** The web app's client id at the identity provider: a public client (no secret), PKCE. */
  @ValidateIf((config: AppConfig) => config.OIDC_ISSUER !== undefined)
  @Matches(/^\S{1,200}$/, {
    message: "OIDC_CLIENT_ID must be set with OIDC_ISSUER: the web app's public client id",
  })
  OIDC_CLIENT_ID?: string;

  /** Scopes the web app asks for; the access token must carry roles and org_unit (see README). */
  @Matches(/^(\S+ +)*openid( +\S+)*$/, {
    message: 'OIDC_SCOPES must be space-separated scopes including "openid"',
  })
  OIDC_SCOPES = 'openid profile';

  /** Longest lifetime (exp − iat) of an accepted bearer token; tokens without exp are refused. */
  @Transform(({ value }) =>
    value === undefined || value === '' ? DEFAULT_MAX_TOKEN_LIFETIME_SECONDS : Number(value),
  )
  @IsInt({ message: 'JWT_MAX_LIFETIME_SECONDS must be a whole number of seconds' })
  @Min(60, { message: 'JWT_MAX_LIFETIME_SECONDS must be between 60 and 604800 (7 days)' })
  @Max(604800, { message: 'JWT_MAX_LIFETIME_SECONDS must be between 60 and 604800 (7 days)' })
  JWT_MAX_LIFETIME_SECONDS = DEFAULT_MAX_TOKEN_LIFETIME_SECONDS;

  @Transform(({ value }) => (value === undefined || value === '' ? 600 : Number(value)))
  @IsInt({ message: 'RATE_LIMIT_PER_MINUTE must be a whole number' })
  @Min(1, { message: 'RATE_LIMIT_PER_MINUTE must be at least 1' })
  RATE_LIMIT_PER_MINUTE = 600;

  @Transform(({ value }) => (value === undefined || value === '' ? 300 : Number(value)))
  @IsInt({ message: 'RATE_LIMIT_PER_USER_PER_MINUTE must be a whole number' })
  @Min(1, { message: 'RATE_LIMIT_PER_USER_PER_MINUTE must be at least 1' })
  RATE_LIMIT_PER_USER_PER_MINUTE = 300;

  /** Express's `trust proxy`: see trustProxySetting(). */
  @Matches(TRUST_PROXY_PATTERN, {
    message:
      'TRUST_PROXY must be "false", a number of proxy hops (e.g. 1) or a comma-separated list of proxy addresses or CIDRs (e.g. 10.0.0.0/8,loopback)',
  })
  TRUST_PROXY = 'false';

  @WholeNumberBetween('TIMER_RECONCILE_INTERVAL_MS', 100, 30_000, 30_000)
  TIMER_RECONCILE_INTERVAL_MS = 30_000;

  /** Longer than a bulk write holds the writer's subscriptions (BULK_WRITE_HOLD_MS, 3 s a time). */
  @WholeNumberBetween('HEALTH_STALLED_AFTER_MS', 1000, 3_600_000, 30_000)
  HEALTH_STALLED_AFTER_MS = 30_000;

  // Another instance takes a dead holder's work over within this (plus PostgreSQL noticing the
  // death), so the maximum keeps failover under 10 s.
  @WholeNumberBetween('WORKER_LEASE_RETRY_MS', 100, 5000, 2000)
  WORKER_LEASE_RETRY_MS = 2000;
  @WholeNumberBetween('SHUTDOWN_TIMEOUT_MS', 1000, 300_000, 25_000)
  SHUTDOWN_TIMEOUT_MS = 25_000;

  @IsString()
  DEFINITIONS_DIR = 'seeds/definitions';

  @IsString()
  RULE_SETS_DIR = 'seeds/rule-sets';

  @IsString()
  CALENDAR_DIR = 'seeds/calendar';

  @Matches(/^[A-Za-z0-9_-]{1,40}$/, {
    message: 'QUEUE_PREFIX must be 1-40 letters, digits, "-" or "_"',
  })
  QUEUE_PREFIX = 'cadreflow';

  /** How long a write's answer is kept for retries with its Idempotency-Key (then forgotten). */
  @WholeNumberBetween('IDEMPOTENCY_TTL_HOURS', 1, 720, 24)
  IDEMPOTENCY_TTL_HOURS = 24;

  /**
   * How long this process's caught-up projections and sagas may hold their next read while an
   * import or a transfer batch writes (event-store/bulk-writes.ts); 0 = never.
   */
  @WholeNumberBetween('BULK_WRITE_HOLD_MS', 0, 60_000, DEFAULT_BULK_WRITE_HOLD_MS)
  BULK_WRITE_HOLD_MS = DEFAULT_BULK_WRITE_HOLD_MS;

  @IsIn(['true', 'false'], { message: 'RUN_WORKERS must be "true" or "false"' })
  RUN_WORKERS = 'true';

  @Transform(({ value }) => (value === undefined || value === '' ? 102400 : Number(value)))
  @IsInt({ message: 'BODY_LIMIT_BYTES must be a whole number' })
  @Min(1024, { message: 'BODY_LIMIT_BYTES must be at least 1024' })
  BODY_LIMIT_BYTES = 102400;

  @Transform(({ value }) => (value === undefined || value === '' ? 10000 : Number(value)))
  @IsInt({ message: 'TRANSFER_BATCH_MAX_ENTRIES must be a whole number' })
  @Min(1, { message: 'TRANSFER_BATCH_MAX_ENTRIES must be 1 to 100000' })
  @Max(100000, { message: 'TRANSFER_BATCH_MAX_ENTRIES must be 1 to 100000' })
  TRANSFER_BATCH_MAX_ENTRIES = 10000; // its body limit follows: see app.setup.ts

  /** Largest spreadsheet accepted by `POST /imports` (multipart, so not bound by BODY_LIMIT_BYTES). */
  @Transform(({ value }) => (value === undefined || value === '' ? 5242880 : Number(value)))
  @IsInt({ message: 'IMPORT_LIMIT_BYTES must be a whole number' })
  @Min(1024, { message: 'IMPORT_LIMIT_BYTES must be at least 1024' })
  @Max(104857600, { message: 'IMPORT_LIMIT_BYTES must be at most 104857600 (100 MB)' })
  IMPORT_LIMIT_BYTES = 5242880;

  /** A development sign-in (`POST /auth/dev-sign-in`) that mints short-lived tokens for demo users. */
  @IsIn(['true', 'false'], { message: 'DEV_SIGN_IN must be "true" or "false"' })
  DEV_SIGN_IN = 'false';

  @IsOptional()
  @IsString()
  NODE_ENV?: string;

  /**
   * Signed checkpoints (docs/adr/0010-signed-checkpoints.md): how often one is signed while
   * workers run; 0 = only on demand (`POST /audit/checkpoints`, `npm run audit -- checkpoint`).
   * The timer waits for the previous signing to end, so the minimum bounds the load, not a pile-up.
   */
  @IntervalOrOff('CHECKPOINT_INTERVAL_MS', 1000, 3_600_000)
  CHECKPOINT_INTERVAL_MS = 3_600_000;

  /** The append-only directory outside the database that holds every signed checkpoint. */
  @IsOptional()
  @IsString()
  CHECKPOINT_DIR?: string;

  /** Ed25519 private key (PKCS#8 PEM) that signs checkpoints; never stored in the database. */
  @IsOptional()
  @IsString()
  CHECKPOINT_SIGNING_KEY_FILE?: string;

  /** The same key given inline (PEM), when a file is not practical. */
  @IsOptional()
  @IsString()
  CHECKPOINT_SIGNING_KEY?: string;

  /** The id checkpoints name for the signing key; default: the key's fingerprint. */
  @IsOptional()
  @Matches(/^[A-Za-z0-9._-]{1,64}$/, {
    message: 'CHECKPOINT_KEY_ID must be 1-64 letters, digits, ".", "-" or "_"',
  })
  CHECKPOINT_KEY_ID?: string;

  /** Public keys verification trusts: `<keyId>.pem` (+ `<keyId>.retired`); default: the signing key's. */
  @IsOptional()
  @IsString()
  CHECKPOINT_PUBLIC_KEYS_DIR?: string;

  /** An RFC 3161 time-stamping authority each checkpoint is also sent to. */
  @IsOptional()
  @Matches(/^https?:\/\/\S+$/, { message: 'CHECKPOINT_TSA_URL must be an http(s) URL' })
  CHECKPOINT_TSA_URL?: string;

  /** The built web application (Vite output) served at `/`; not served when the folder has no index.html. */
  @IsString()
  WEB_DIR = 'web/dist';
}

const KNOWN = Object.keys(new AppConfig());

/** Reads and validates the environment; the first problem is reported in one line. */
export function loadConfig(env: NodeJS.ProcessEnv): AppConfig {
  const raw: Record<string, unknown> = {};
  for (const key of [
    ...KNOWN,
    'KURRENTDB_URL',
    'JWT_SECRET',
    'JWT_JWKS_URL',
    'JWT_ISSUER',
    'JWT_AUDIENCE',
    'METRICS_TOKEN',
    'OIDC_ISSUER',
    'OIDC_CLIENT_ID',
    'NODE_ENV',
    'CHECKPOINT_DIR',
    'CHECKPOINT_SIGNING_KEY_FILE',
    'CHECKPOINT_SIGNING_KEY',
    'CHECKPOINT_KEY_ID',
    'CHECKPOINT_PUBLIC_KEYS_DIR',
    'CHECKPOINT_TSA_URL',
  ]) {
    if (env[key] !== undefined && env[key] !== '') raw[key] = env[key];
  }
  const config = plainToInstance(AppConfig, raw, { exposeDefaultValues: true });
  const errors = validateSync(config, { skipMissingProperties: false });
  if (errors.length > 0) {
    const first = errors[0];
    // class-validator lists constraints bottom-up; the last one is the first decorator, the most basic check.
    const message = Object.values(first.constraints ?? {}).pop() ?? `${first.property} is invalid`;
    const value = raw[first.property];
    const shown = value === undefined ? undefined : printableValue(first.property, String(value));
    throw new ConfigError(
      `invalid configuration: ${message}${shown === undefined ? '' : ` (got "${shown}")`}`,
    );
  }
  refuseImpossibleProxies(config.TRUST_PROXY);
  if (config.OIDC_ISSUER && !config.JWT_JWKS_URL)
    throw new ConfigError(
      `invalid configuration: OIDC_ISSUER needs JWT_JWKS_URL, the provider's keys (jwks_uri in ${config.OIDC_ISSUER.replace(/\/$/, '')}/.well-known/openid-configuration)`,
    );
  // The provider's tokens carry its issuer: checked unless JWT_ISSUER says otherwise.
  if (config.OIDC_ISSUER && !config.JWT_ISSUER) config.JWT_ISSUER = config.OIDC_ISSUER;
  if (config.DEV_SIGN_IN === 'true' && config.NODE_ENV === 'production')
    throw new ConfigError(
      'invalid configuration: DEV_SIGN_IN=true is refused when NODE_ENV=production (use an identity provider)',
    );
  return config;
}
