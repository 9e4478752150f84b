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

function address(url: string): string {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || (parsed.protocol.startsWith('redis') ? '6379' : '5432')}`;
}

function reason(error: unknown): string {
  const e = error as { code?: string; message?: string };
  return e.code ?? e.message ?? String(error);
}

/** Creates the database named in the URL when the server is there but the database is not. */
export async function ensureDatabase(databaseUrl: string): Promise<void> {
  const target = new URL(databaseUrl);
  const name = decodeURIComponent(target.pathname.replace(/^\//, ''));
  const probe = new Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5000 });
  // A connection cut while open must fail the check, not end the process with an 'error' event.
  probe.on('error', () => undefined);
  try {
    await probe.connect();
    await probe.end();
    return;
  } catch (error) {
    await probe.end().catch(() => undefined);
    if ((error as { code?: string }).code !== '3D000') {
      throw new StartupError(
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
    await admin.query(`CREATE DATABASE ${name}`).catch((error: { code?: string }) => {
      if (error.code !== '42P04') throw error; // created meanwhile by another process
    });
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
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    throw new StartupError(
      `Redis at ${address(redisUrl)} is not reachable (${reason(error)}): start it or set REDIS_URL`,
    );
  } finally {
    redis.disconnect();
  }
}

/** Everything that must hold before the API serves: services reachable, schema up to date. */
export async function prepareInfrastructure(
  config: { DATABASE_URL: string; REDIS_URL: string },
  log: (line: string) => void,
): Promise<void> {
  await ensureDatabase(config.DATABASE_URL);
  await checkRedis(config.REDIS_URL);
  try {
    const applied = await migrateUp(config.DATABASE_URL);
    if (applied.length > 0) log(`applied migrations: ${applied.join(', ')}`);
  } catch (error) {
    throw new StartupError(`database migration failed: ${(error as Error).message}`);
  }
}
