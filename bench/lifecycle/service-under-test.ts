import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Redis } from 'ioredis';
import { Client } from 'pg';

const ROOT = path.resolve(__dirname, '../../..');
/** Clock ticks per second of /proc/<pid>/stat (USER_HZ: 100 on every Linux this runs on). */
const TICKS_PER_SECOND = 100;

/** The environment every process of the bench shares: its database, its queue prefix, no limits. */
export function benchEnvironment(databaseUrl: string, port: number): Record<string, string> {
  return {
    DATABASE_URL: databaseUrl,
    PORT: String(port),
    RUN_WORKERS: 'true',
    // Its own Redis keys: other runs and other helpers' services share this Redis.
    QUEUE_PREFIX: `cf-bench-${process.pid}-${Date.now()}`,
    // The bench is one client address and a handful of users: the limits would only measure 429s.
    RATE_LIMIT_PER_MINUTE: '100000000',
    RATE_LIMIT_PER_USER_PER_MINUTE: '100000000',
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
  };
}

/** `npm run seed` against the bench database: the demo registry. */
export function seedDemoData(env: Record<string, string>): void {
  const result = spawnSync(process.execPath, ['dist/seed/seed.cli.js'], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`seed failed:\n${result.stderr}`);
}

/** The service as `npm start` runs it (the built dist/main.js, workers in the process). */
export class ServiceUnderTest {
  private child: ChildProcess | null = null;
  private output = '';

  constructor(private readonly env: Record<string, string>) {}

  async start(timeoutMs = 120_000): Promise<void> {
    const child = spawn(process.execPath, ['dist/main.js'], {
      cwd: ROOT,
      env: { ...process.env, ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    child.stderr!.on('data', (chunk: Buffer) => this.keep(chunk));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no start:\n${this.output}`)), timeoutMs);
      child.stdout!.on('data', (chunk: Buffer) => {
        this.keep(chunk);
        if (this.output.includes('"msg":"listening on')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('exit', () => {
        clearTimeout(timer);
        reject(new Error(`the service exited while starting:\n${this.output}`));
      });
    });
  }

  get pid(): number {
    return this.child!.pid!;
  }

  /** User + system CPU seconds the service process has used so far (Linux /proc). */
  cpuSeconds(): number {
    return processCpuSeconds(this.child!.pid!);
  }

  /** The last lines it wrote (warnings, errors): printed when the bench fails. */
  get log(): string {
    return this.output.slice(-8000);
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null) return;
    const ended = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await ended;
    clearTimeout(timer);
  }

  private keep(chunk: Buffer): void {
    // Only the tail matters; a long run at warn level still writes retries and slow-request lines.
    this.output = (this.output + chunk.toString()).slice(-64_000);
  }
}

/** User + system CPU seconds a process has used so far; 0 once it has gone. */
export function processCpuSeconds(pid: number): number {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return 0;
  }
  // Fields after the command name, which is in parentheses and may hold spaces.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

/**
 * CPU seconds used so far by the PostgreSQL backends connected to one database (the server is
 * shared with other work, so only this database's backends count). Backends that ended since the
 * last reading are lost from the sum; the service's pool keeps its connections, so few are.
 */
export async function postgresCpuSeconds(databaseUrl: string): Promise<Map<number, number>> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>(
      'SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
    );
    return new Map(rows.map(({ pid }) => [pid, processCpuSeconds(pid)]));
  } finally {
    await client.end();
  }
}

/** CPU seconds between two readings of postgresCpuSeconds, over the backends of the second. */
export function cpuBetween(before: Map<number, number>, after: Map<number, number>): number {
  let total = 0;
  for (const [pid, seconds] of after) total += seconds - (before.get(pid) ?? 0);
  return total;
}

/** The machine's load average over 1, 5 and 15 minutes. */
export function loadAverage(): string {
  return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
}

/** Deletes the run's own queue and rate-limit keys (never anything else: Redis is shared). */
export async function deleteRedisKeys(prefix: string): Promise<void> {
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
