import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { freePort } from '../faults/support/private-redis';
import { Client } from 'pg';
import { createTestDatabase, TEST_SERVER_URL, TestDatabase } from '../support/test-database';

jest.setTimeout(120_000);

const ROOT = path.resolve(__dirname, '../..');

/**
 * Starts the service as `npm start` does; resolves when it ends, or when it says it listens (then
 * it is stopped: it should not have started).
 */
async function startWith(env: Record<string, string>) {
  const child = spawn(process.execPath, ['-r', './test/support/swc-register.js', 'src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(await freePort()),
      RUN_WORKERS: 'false',
      JWT_SECRET: 'start-refused-by-service-secret',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let listened = false;
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    if (!listened && stdout.includes('"msg":"listening on')) {
      listened = true;
      child.kill('SIGTERM');
    }
  });
  child.stderr.resume();
  const status = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  const lines = stdout.split('\n').filter((line) => line.trim() !== '');
  return { status, listened, lines };
}

async function dropDatabase(name: string): Promise<void> {
  const admin = new Client({ connectionString: TEST_SERVER_URL });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

function onlyLine(run: { lines: string[] }): { level: number; msg: string } {
  expect(run.lines).toHaveLength(1);
  return JSON.parse(run.lines[0]) as { level: number; msg: string };
}

/**
 * A PostgreSQL or Redis that answers but refuses what the settings ask of it stops the start at
 * once, with one JSON line naming the variable to change: waiting would not mend it.
 */
describe('a start refused by a service that answers', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase('start_refused_by_service');
  });
  afterAll(async () => {
    await db.drop();
  });

  it('stops on a Redis database index the server does not have (before: ran on database 0)', async () => {
    const run = await startWith({
      DATABASE_URL: db.url,
      REDIS_URL: 'redis://127.0.0.1:6379/99',
      QUEUE_PREFIX: 'cftest-start-refused-redis-db',
    });
    expect(run.listened).toBe(false);
    expect(run.status).toBe(1);
    const line = onlyLine(run);
    expect(line.level).toBe(60);
    expect(line.msg).toMatch(
      /^Redis at 127\.0\.0\.1:6379 refused database 99 \(ERR DB index is out of range\): set REDIS_URL/,
    );
  });

  it('warns when it creates the database DATABASE_URL names (before: a mistyped name ran healthy on an empty database, nothing said)', async () => {
    const name = `cf_start_created_${process.pid}`;
    const url = db.url.replace(/\/[^/]+$/, `/${name}`);
    try {
      const run = await startWith({ DATABASE_URL: url, QUEUE_PREFIX: 'cftest-start-created-db' });
      expect(run.listened).toBe(true);
      const warnings = run.lines
        .map((line) => JSON.parse(line) as { level: number; msg: string })
        .filter((line) => line.level >= 40 && line.msg.startsWith('created database'));
      expect(warnings.map((line) => line.msg)).toEqual([
        `created database "${name}" at ${new URL(url).hostname}:${new URL(url).port || '5432'}, which did not exist: on a first start this is expected; otherwise stop and correct DATABASE_URL`,
      ]);
    } finally {
      await dropDatabase(name);
    }
  });

  it('stops, without waiting, on a role PostgreSQL refuses (before: "not reachable", retried)', async () => {
    const run = await startWith({
      DATABASE_URL: 'postgres://cf_no_such_role:pw@127.0.0.1:5432/cf_start_refused_role',
      QUEUE_PREFIX: 'cftest-start-refused-pg-role',
      STARTUP_WAIT_SECONDS: '20',
    });
    expect(run.listened).toBe(false);
    expect(run.status).toBe(1);
    const line = onlyLine(run);
    expect(line.level).toBe(60);
    expect(line.msg).toMatch(
      /^PostgreSQL at 127\.0\.0\.1:5432 refused the role or its password \((28000|28P01): .*cf_no_such_role.*\): check the user and password in DATABASE_URL$/,
    );
    expect(line.msg).not.toMatch(/pw/);
  });
});
