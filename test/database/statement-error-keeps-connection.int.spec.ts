import { EventEmitter } from 'node:events';
import { Client, Pool } from 'pg';
import { checkOutClient } from '../../src/database/checked-out-client';
import { createPool } from '../../src/database/create-pool';
import { WrongExpectedRevision } from '../../src/event-store/event-store.errors';
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store';
import { createTestDatabase, TestDatabase } from '../support/test-database';

const note = (id: string) => ({
  id,
  type: 'CaseNoted',
  data: { n: id },
  metadata: {
    actorId: 'u-1',
    correlationId: id,
    causationId: null,
    occurredAt: '2026-12-03T00:00:00.000Z',
  },
});

/**
 * pg-pool closes a connection after any error of `pool.query`: each refused append (a 409) cost
 * the next statement a new PostgreSQL backend. The service's pool keeps a connection whose
 * statement failed, and still discards one whose backend is gone.
 */
describe("the service's pool after a statement fails", () => {
  let db: TestDatabase;
  let pool: Pool;
  const backend = async () =>
    (await pool.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid;

  beforeAll(async () => {
    db = await createTestDatabase('statement_error_pool');
    pool = createPool({ connectionString: db.url, max: 1 }, () => undefined);
  });
  afterAll(async () => {
    await pool.end();
    await db.drop();
  });

  it('keeps the connection of a refused append, which is still told as a conflict', async () => {
    const store = new PostgresEventStore(pool);
    await store.append('cadre-p-1', [note('11111111-1111-4111-8111-111111111111')], {
      expectedRevision: 'no_stream',
    });
    const before = await backend();
    await expect(
      store.append('cadre-p-1', [note('22222222-2222-4222-8222-222222222222')], {
        expectedRevision: 'no_stream',
      }),
    ).rejects.toBeInstanceOf(WrongExpectedRevision);
    expect(await backend()).toBe(before);
    expect(pool.totalCount).toBe(1);
  });

  it('keeps it after an error of its own statement, with the error and callback forms intact', async () => {
    const before = await backend();
    await expect(pool.query('SELECT 1 / 0')).rejects.toMatchObject({ code: '22012' });
    const viaCallback = await new Promise<unknown>((resolve) =>
      pool.query('SELECT * FROM no_such_table', (error) => resolve(error)),
    );
    expect(viaCallback).toMatchObject({ code: '42P01' });
    expect(await backend()).toBe(before);
    expect((await pool.query('SELECT $1::int + 1 AS n', [41])).rows[0].n).toBe(42);
  });

  it('discards a connection left in a failed transaction, so the next caller gets a clean one', async () => {
    const before = await backend();
    await expect(pool.query('BEGIN; SELECT 1 / 0')).rejects.toMatchObject({ code: '22012' });
    expect(await backend()).not.toBe(before);
    expect((await pool.query('SELECT 1 AS one')).rows[0].one).toBe(1);
  });

  it('waits for the ReadyForQuery that follows an error in a later chunk before keeping a connection', async () => {
    const before = await backend();
    const restore = await deliverReadyForQueryLate(pool);
    try {
      await expect(pool.query('SELECT 1 / 0')).rejects.toMatchObject({ code: '22012' });
      expect(await backend()).toBe(before);
      await expect(pool.query('BEGIN; SELECT 1 / 0')).rejects.toMatchObject({ code: '22012' });
      expect((await pool.query('SELECT 1 AS one')).rows[0].one).toBe(1);
    } finally {
      restore();
    }
    expect(await backend()).not.toBe(before);
  });

  it('discards a connection whose backend was terminated during its statement', async () => {
    const before = await backend();
    const admin = new Client({ connectionString: db.url });
    await admin.connect();
    try {
      const sleeping = pool.query('SELECT pg_sleep(5)');
      await waitUntilRunning(admin, before);
      await admin.query('SELECT pg_terminate_backend($1)', [before]);
      await expect(sleeping).rejects.toMatchObject({ code: '57P01' });
    } finally {
      await admin.end();
    }
    const after = await backend();
    expect(after).not.toBe(before);
  });
});

async function waitUntilRunning(admin: Client, pid: number): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const { rows } = await admin.query<{ state: string }>(
      'SELECT state FROM pg_stat_activity WHERE pid = $1',
      [pid],
    );
    if (rows[0]?.state === 'active') return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`backend ${pid} never ran the statement`);
}

/**
 * Makes every ReadyForQuery of the pool's one connection reach pg a turn after the message before
 * it, as when the server's ErrorResponse and ReadyForQuery arrive in separate TCP chunks.
 */
async function deliverReadyForQueryLate(pool: Pool): Promise<() => void> {
  const client = await checkOutClient(pool);
  const connection = (client as unknown as { connection: EventEmitter }).connection;
  client.release();
  const emit = connection.emit.bind(connection);
  connection.emit = (event: string | symbol, ...args: unknown[]): boolean => {
    if (event !== 'readyForQuery') return emit(event, ...args);
    setImmediate(() => emit(event, ...args));
    return true;
  };
  return () => {
    connection.emit = emit;
  };
}
