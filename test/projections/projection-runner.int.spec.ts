import { PoolClient } from 'pg';
import { applyBatch } from '../../src/projections/apply-events';
import { ensureCheckpoint } from '../../src/projections/checkpoint';
import { postgresPositionOrder } from '../../src/projections/position-order';
import { ProjectionRunner } from '../../src/projections/projection-runner';
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import {
  appendNumbered,
  countingProjection,
  createCountingTables,
  dropDatabase,
  eventsHandled,
  numbered,
  readAllVisible,
  snapshot,
  streamsNamed,
  waitFor,
} from './projection-fixtures';

describe('projection runner (PostgreSQL)', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;

  beforeEach(async () => {
    db = await createTestDatabase('projection_runner');
    store = new PostgresEventStore(db.pool);
    await createCountingTables(db.pool);
  });
  afterEach(async () => {
    await store.close();
    await dropDatabase(db);
  });

  const expectEachEventOnce = async (total: number): Promise<void> => {
    const { counts, log } = await snapshot(db.pool);
    expect((counts as { events: number }[]).reduce((sum, row) => sum + row.events, 0)).toBe(total);
    expect((log as { n: number }[]).map((row) => row.n).sort((a, b) => a - b)).toEqual(
      Array.from({ length: total }, (_, i) => i + 1),
    );
    // Sequence numbers are 1..total without holes or repeats.
    expect((log as { sequence: string }[]).map((row) => Number(row.sequence))).toEqual(
      Array.from({ length: total }, (_, i) => i + 1),
    );
  };

  it('catches up, follows live appends and applies each event once', async () => {
    const streams = streamsNamed(3);
    await appendNumbered(store, 1, 30, streams);
    const runner = new ProjectionRunner({
      pool: db.pool,
      store,
      projection: countingProjection(),
      catchUpBatchSize: 7,
    });
    await runner.start();
    await waitFor(async () => (await eventsHandled(db.pool, 'test_counts')) === 30);
    await appendNumbered(store, 31, 10, streams);
    await waitFor(async () => (await eventsHandled(db.pool, 'test_counts')) === 40);
    await runner.stop();
    await expectEachEventOnce(40);
  });

  it('applies a live burst once each, in far fewer transactions than events', async () => {
    const base = countingProjection();
    const transactions = new Set<string>();
    let first = true;
    const projection = {
      ...base,
      name: base.name,
      async handle(...args: Parameters<typeof base.handle>) {
        const [, tx] = args;
        const { rows } = await tx.query<{ txid: string }>('SELECT txid_current()::text AS txid');
        transactions.add(rows[0].txid);
        // The first live event is slow to apply: the burst arrives while its transaction is open.
        if (first) {
          first = false;
          await new Promise((resolve) => setTimeout(resolve, 300));
        }
        return base.handle(...args);
      },
    };
    const runner = new ProjectionRunner({ pool: db.pool, store, projection });
    await runner.start();
    const streams = streamsNamed(100);
    await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        store.append(streams[i], [numbered(i + 1)], { expectedRevision: 'no_stream' }),
      ),
    );
    await waitFor(async () => (await eventsHandled(db.pool, 'test_counts')) === 100);
    await runner.stop();
    await expectEachEventOnce(100);
    // One transaction per event was the rule before; what arrived during one is applied in the next.
    expect(transactions.size).toBeLessThan(20);
  });

  it('ignores a re-delivered batch: rows and checkpoint stay as they were', async () => {
    const projection = countingProjection();
    await ensureCheckpoint(db.pool, projection.name, projection.version);
    await appendNumbered(store, 1, 5, streamsNamed(2));
    const events = await readAllVisible(store, 5);
    const client: PoolClient = await db.pool.connect();
    try {
      const request = {
        projection,
        events,
        readFrom: 'start' as const,
        order: postgresPositionOrder,
      };
      expect((await applyBatch(client, request)).kind).toBe('applied');
      const before = await snapshot(db.pool);
      expect((await applyBatch(client, request)).kind).toBe('duplicate');
      // A batch overlapping the checkpoint applies only its new tail.
      await appendNumbered(store, 6, 2, streamsNamed(1));
      const overlapping = (await readAllVisible(store, 7)).slice(3);
      const outcome = await applyBatch(client, {
        ...request,
        events: overlapping,
        readFrom: events[2].position,
      });
      expect(outcome).toMatchObject({ kind: 'applied', applied: 2 });
      expect((await snapshot(db.pool)).log.slice(0, 5)).toEqual(before.log);
    } finally {
      client.release();
    }
    await expectEachEventOnce(7);
  });

  it('refuses a batch that would leave a gap after the checkpoint', async () => {
    const projection = countingProjection();
    await ensureCheckpoint(db.pool, projection.name, projection.version);
    await appendNumbered(store, 1, 4, streamsNamed(1));
    const events = await readAllVisible(store, 4);
    const client = await db.pool.connect();
    try {
      const outcome = await applyBatch(client, {
        projection,
        events: events.slice(2),
        readFrom: events[1].position,
        order: postgresPositionOrder,
      });
      expect(outcome).toEqual({ kind: 'gap', checkpoint: null });
    } finally {
      client.release();
    }
    expect((await snapshot(db.pool)).log).toEqual([]);
  });

  it('a crash after writing rows but before the checkpoint neither loses nor doubles the event', async () => {
    const streams = streamsNamed(2);
    await appendNumbered(store, 1, 20, streams);
    const projection = countingProjection({ failOnce: (n) => n === 8 || n === 25 });
    const runner = new ProjectionRunner({
      pool: db.pool,
      store,
      projection,
      catchUpBatchSize: 5,
      retryDelayMs: 10,
      log: () => {},
    });
    await runner.start();
    await waitFor(async () => (await eventsHandled(db.pool, 'test_counts')) === 20);
    await appendNumbered(store, 21, 10, streams); // 25 fails live, in the subscription path
    await waitFor(async () => (await eventsHandled(db.pool, 'test_counts')) === 30);
    await runner.stop();
    await expectEachEventOnce(30);
    expect(projection.attempts).toBeGreaterThan(30);
  });

  it('a runner stopped mid-way and a new one started later continue exactly where it stopped', async () => {
    const streams = streamsNamed(4);
    await appendNumbered(store, 1, 200, streams);
    const first = new ProjectionRunner({
      pool: db.pool,
      store,
      projection: countingProjection(),
      catchUpBatchSize: 3,
    });
    await first.start();
    await waitFor(async () => (await eventsHandled(db.pool, 'test_counts')) >= 20);
    await first.stop(); // as a process exit would: mid catch-up
    const reached = await eventsHandled(db.pool, 'test_counts');
    expect(reached).toBeLessThan(200);

    const second = new ProjectionRunner({
      pool: db.pool,
      store,
      projection: countingProjection(),
      catchUpBatchSize: 50,
    });
    await second.start();
    await waitFor(async () => (await eventsHandled(db.pool, 'test_counts')) === 200);
    await second.stop();
    await expectEachEventOnce(200);
  });

  it('two runners of the same projection (two API instances) still apply each event once', async () => {
    const streams = streamsNamed(3);
    await appendNumbered(store, 1, 60, streams);
    const runners = [1, 2].map(
      () =>
        new ProjectionRunner({
          pool: db.pool,
          store,
          projection: countingProjection(),
          catchUpBatchSize: 4,
        }),
    );
    await Promise.all(runners.map((runner) => runner.start()));
    await appendNumbered(store, 61, 40, streams);
    await waitFor(async () => (await eventsHandled(db.pool, 'test_counts')) === 100);
    await Promise.all(runners.map((runner) => runner.stop()));
    await expectEachEventOnce(100);
  });
});
