import { PoolClient } from 'pg';
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store';
import { applyBatch } from '../../src/projections/apply-events';
import { ensureCheckpoint } from '../../src/projections/checkpoint';
import { postgresPositionOrder } from '../../src/projections/position-order';
import { ProjectionRunner } from '../../src/projections/projection-runner';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import {
  appendNumbered,
  countingProjection,
  createCountingTables,
  dropDatabase,
  eventsHandled,
  readAllVisible,
  snapshot,
  streamsNamed,
  waitFor,
} from './projection-fixtures';

/** The statements a client sends, in order (the client still runs them). */
function recordStatements(client: PoolClient): string[] {
  const sent: string[] = [];
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args) => {
    const [config] = args;
    sent.push(typeof config === 'string' ? config : (config as { text: string }).text);
    return query(...args);
  };
  return sent;
}

describe('moving a projection checkpoint (PostgreSQL)', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;

  beforeEach(async () => {
    db = await createTestDatabase('checkpoint_advance');
    store = new PostgresEventStore(db.pool);
    await createCountingTables(db.pool);
  });
  afterEach(async () => {
    await store.close();
    await dropDatabase(db);
  });

  const sequences = async () =>
    ((await snapshot(db.pool)).log as { sequence: string; n: number }[]).map((row) => [
      Number(row.sequence),
      row.n,
    ]);

  it('commits a batch without waiting for the WAL flush, and leaves the connection waiting for it for what comes next (appends)', async () => {
    const projection = countingProjection();
    await ensureCheckpoint(db.pool, projection.name, projection.version);
    await appendNumbered(store, 1, 2, streamsNamed(1));
    const events = await readAllVisible(store, 2);
    const client = await db.pool.connect();
    try {
      const sent = recordStatements(client);
      const outcome = await applyBatch(client, {
        projection,
        order: postgresPositionOrder,
        events,
        readFrom: 'start',
      });
      expect(outcome.kind).toBe('applied');
      expect(sent.at(-1)).toBe('SET LOCAL synchronous_commit TO off; COMMIT');
      const { rows } = await client.query<{ synchronous_commit: string }>(
        'SHOW synchronous_commit',
      );
      expect(rows[0].synchronous_commit).toBe('on');
    } finally {
      client.release();
    }
    expect(await eventsHandled(db.pool, projection.name)).toBe(2);
  });

  it('opens the transaction and locks and moves a checkpoint that stands where the batch was read from in one round trip', async () => {
    const projection = countingProjection();
    await ensureCheckpoint(db.pool, projection.name, projection.version);
    await appendNumbered(store, 1, 5, streamsNamed(2));
    const events = await readAllVisible(store, 5);
    const client = await db.pool.connect();
    try {
      const sent = recordStatements(client);
      const request = { projection, order: postgresPositionOrder };
      const first = await applyBatch(client, {
        ...request,
        events: events.slice(0, 3),
        readFrom: 'start',
      });
      const second = await applyBatch(client, {
        ...request,
        events: events.slice(3),
        readFrom: events[2].position,
      });
      expect([first.kind, second.kind]).toEqual(['applied', 'applied']);
      const checkpointStatements = sent.filter((text) => /projection_checkpoints/.test(text));
      expect(checkpointStatements).toHaveLength(2);
      // BEGIN and the checkpoint's UPDATE in one round trip, no FOR UPDATE.
      expect(checkpointStatements.every((text) => /^BEGIN; UPDATE/.test(text))).toBe(true);
      // BEGIN with the checkpoint, two statements per event, COMMIT.
      expect(sent).toHaveLength(2 * 2 + 5 * 2);
    } finally {
      client.release();
    }
    expect(await sequences()).toEqual([1, 2, 3, 4, 5].map((n) => [n, n]));
    expect(await eventsHandled(db.pool, projection.name)).toBe(5);
  });

  it('re-reads from the checkpoint when it was moved back behind the runner', async () => {
    const streams = streamsNamed(2);
    await appendNumbered(store, 1, 10, streams);
    const runner = new ProjectionRunner({
      pool: db.pool,
      store,
      projection: countingProjection(),
      retryDelayMs: 10,
      log: () => {},
    });
    await runner.start();
    try {
      await waitFor(async () => (await eventsHandled(db.pool, 'test_counts')) === 10);
      // As a rebuild swap of an empty read model would: rows and checkpoint back to the start.
      await db.pool.query('TRUNCATE test_counts, test_log');
      await db.pool.query(
        `UPDATE projection_checkpoints SET position = NULL, events_handled = 0 WHERE name = 'test_counts'`,
      );
      // The runner's next batch finds the checkpoint elsewhere: a gap, so it reads from the start.
      await appendNumbered(store, 11, 1, streams);
      await waitFor(async () => (await eventsHandled(db.pool, 'test_counts')) === 11);
    } finally {
      await runner.stop();
    }
    expect(await sequences()).toEqual(Array.from({ length: 11 }, (_, i) => [i + 1, i + 1]));
  });
});
