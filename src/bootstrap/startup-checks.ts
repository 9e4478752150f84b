import { Client } from 'pg';
import { Redis } from 'ioredis';
import { migrateUp } from '../database/migrate';

/** A start-up problem the operator can fix; printed as one line, without a stack trace. */
export class StartupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StartupError';
  }
}

/** A service that does not answer (yet): worth waiting for while containers start together. */
export class UnreachableError extends StartupError {
  constructor(message: string) {
    super(message);
    this.name = 'UnreachableError';
  }
}

export interface WaitOptions {
  /** How long to keep retrying (STARTUP_WAIT_SECONDS); 0: fail at the first refusal. */
  waitSeconds: number;
  log: (line: string) => void;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

const FIRST_PAUSE_MS = 1000;
const LONGEST_PAUSE_MS = 10_000;

/**
 * Runs `check` until it passes or `waitSeconds` are spent, pausing 1, 2, 4, 8, 10, 10 … s between
 * attempts and logging each refusal. Only an UnreachableError is retried: a wrong password or a
 * failed migration will not mend by waiting.
 */
export async function waitUntilReachable<T>(
  check: () => Promise<T>,
  options: WaitOptions,
): Promise<T> {
  const sleep = options.sleep ?? ((ms) => new Promise<void>((r) => setTimeout(r, ms)));
  const now = options.now ?? Date.now;
  const deadline = now() + options.waitSeconds * 1000;
  let pause = FIRST_PAUSE_MS;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await check();
    } catch (error) {
      if (!(error instanceof UnreachableError)) throw error;
      const left = deadline - now();
      if (left <= 0) {
        if (options.waitSeconds === 0) throw error;
        throw new UnreachableError(
          `${error.message} (gave up after ${attempt} attempts in ${options.waitSeconds} s, STARTUP_WAIT_SECONDS)`,
        );
      }
      const wait = Math.min(pause, left);
      options.log(`${error.message}; retrying in ${(wait / 1000).toFixed(1)} s`);
      await sleep(wait);
      pause = Math.min(pause * 2, LONGEST_PAUSE_MS);
    }
  }
}

function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
}

function address(url: string): string {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || (parsed.protocol.startsWith('redis') ? '6379' : '5432')}`;
}

function reason(error: unknown): string {
  const e = error as { code?: string; message?: string };
  return e.code ?? e.message ?? String(error);
}

/**
 * Creates the database named in the URL when the server is there but the database is not; says
 * whether it did (a first start, or a mistyped name: the caller warns).
 */
export async function ensureDatabase(databaseUrl: string): Promise<boolean> {
  const target = new URL(databaseUrl);
  const name = decodeURIComponent(target.pathname.replace(/^\//, ''));
  const probe = new Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5000 });
  // A connection cut while open must fail the check, not end the process with an 'error' event.
  probe.on('error', () => undefined);
  try {
    await probe.connect();
    await probe.end();
    return false;
  } catch (error) {
    await probe.end().catch(() => undefined);
    const code = (error as { code?: string }).code;
    // A role or password the server refuses will not mend by waiting (before: reported as "not
    // reachable" and retried for STARTUP_WAIT_SECONDS).
    if (code === '28000' || code === '28P01') {
      throw new StartupError(
        `PostgreSQL at ${address(databaseUrl)} refused the role or its password (${code}: ${(error as Error).message}): check the user and password in DATABASE_URL`,
      );
    }
    if (code !== '3D000') {
      throw new UnreachableError(
        `PostgreSQL at ${address(databaseUrl)} is not reachable (${reason(error)}): start it or set DATABASE_URL`,
      );
    }
  }
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
    throw new StartupError(
      `database "${name}" does not exist and its name is not a plain identifier: create it yourself or set DATABASE_URL`,
    );
  }
  const adminUrl = new URL(databaseUrl);
  adminUrl.pathname = '/postgres';
  const admin = new Client({
    connectionString: adminUrl.toString(),
    connectionTimeoutMillis: 5000,
  });
  admin.on('error', () => undefined);
  try {
    await admin.connect();
    return await admin.query(`CREATE DATABASE ${name}`).then(
      () => true,
      (error: { code?: string }) => {
        if (error.code !== '42P04') throw error;
        return false; // created meanwhile by another process
      },
    );
  } catch (error) {
    throw new StartupError(
      `database "${name}" does not exist at ${address(databaseUrl)} and could not be created (${reason(error)}): create it or set DATABASE_URL`,
    );
  } finally {
    await admin.end().catch(() => undefined);
  }
}

export async function checkRedis(redisUrl: string): Promise<void> {
  const redis = new Redis(redisUrl, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    connectTimeout: 5000,
  });
  // connect() rejects with "Connection is closed."; the socket's own error says why (ECONNREFUSED …).
  let socketError: unknown;
  redis.on('error', (error: unknown) => (socketError ??= error));
  try {
    try {
      await redis.connect();
      await redis.ping();
    } catch (error) {
      throw new UnreachableError(
        `Redis at ${address(redisUrl)} is not reachable (${reason(socketError ?? error)}): start it or set REDIS_URL`,
      );
    }
    await selectDatabase(redis, redisUrl);
  } finally {
    redis.disconnect();
  }
}

/**
 * Selects REDIS_URL's database again, where a refusal can be seen: ioredis's own SELECT on
 * connecting only emits an error and leaves the connection on database 0 (before: the service
 * started on database 0 with a warning, and /health said Redis was up).
 */
async function selectDatabase(redis: Redis, redisUrl: string): Promise<void> {
  const database = redis.options.db ?? 0;
  try {
    await redis.select(database);
  } catch (error) {
    throw new StartupError(
      `Redis at ${address(redisUrl)} refused database ${database} (${(error as Error).message}): set REDIS_URL to one of the server's databases (16 by default: 0 to 15)`,
    );
  }
}

/** KurrentDB answers a read (EVENT_STORE=kurrentdb). */
export async function checkKurrentDb(connectionString: string): Promise<void> {
  // Loaded only when chosen, so the PostgreSQL deployment never touches the gRPC client.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { pingKurrentDb } = require('../event-store/kurrentdb/kurrentdb-reachable') as {
    pingKurrentDb: (url: string) => Promise<void>;
  };
  try {
    await pingKurrentDb(connectionString);
  } catch (error) {
    const url = new URL(connectionString.replace(/^[a-z+]+:/, 'http:'));
    throw new UnreachableError(
      `KurrentDB at ${url.host} is not reachable (${(error as Error)?.name === 'Error' ? (error as Error).message : (error as Error)?.name}): start it or set KURRENTDB_URL`,
    );
  }
}

/**
 * Everything that must hold before the API serves: services reachable (waiting up to
 * STARTUP_WAIT_SECONDS for each), schema up to date.
 */
export async function prepareInfrastructure(
  config: {
    DATABASE_URL: string;
    REDIS_URL: string;
    STARTUP_WAIT_SECONDS?: number;
    EVENT_STORE?: 'postgres' | 'kurrentdb';
    KURRENTDB_URL?: string;
  },
  log: (line: string) => void,
  /** Where a line an operator must not miss goes (a database created). */
  warn: (line: string) => void = log,
): Promise<void> {
  const wait: WaitOptions = { waitSeconds: config.STARTUP_WAIT_SECONDS ?? 0, log };
  const created = await waitUntilReachable(() => ensureDatabase(config.DATABASE_URL), wait);
  // A first start creates it; so does a mistyped name, which would then run healthy on an empty
  // registry (an outside tester's case): say so where it is seen.
  if (created)
    warn(
      `created database "${databaseName(config.DATABASE_URL)}" at ${address(config.DATABASE_URL)}, which did not exist: on a first start this is expected; otherwise stop and correct DATABASE_URL`,
    );
  await waitUntilReachable(() => checkRedis(config.REDIS_URL), wait);
  if (config.EVENT_STORE === 'kurrentdb' && config.KURRENTDB_URL) {
    const url = config.KURRENTDB_URL;
    await waitUntilReachable(() => checkKurrentDb(url), wait);
  }
  try {
    const applied = await migrateUp(config.DATABASE_URL);
    if (applied.length > 0) log(`applied migrations: ${applied.join(', ')}`);
  } catch (error) {
    throw new StartupError(`database migration failed: ${(error as Error).message}`);
  }
}
