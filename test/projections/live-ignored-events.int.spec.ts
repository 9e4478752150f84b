import { Pool } from 'pg';
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store';
import { IGNORED_FLUSH_DELAY_MS } from '../../src/projections/live-delivery';
import { ProjectionRunner } from '../../src/projections/projection-runner';
import { rebuildProjection } from '../../src/projections/projection-rebuild';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import {
  appendNumbered,
  createCountingTables,
  dropDatabase,
  eventsHandled,
  readAllVisible,
  snapshot,
  streamsNamed,
  waitFor,
} from './projection-fixtures';
import {
  appendIgnored,
  checkpointMoves,
  checkpointPosition,
  recordCheckpointMoves,
  selectiveProjection,
} from './selective-projection';

const NAME = 'test_counts';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('live events a projection ignores (PostgreSQL)', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;
  const runners: ProjectionRunner[] = [];
  /** Ids of the events the runners have received live (asked the projection about). */
  const received = new Set<string>();
  const receivedAll = (events: { id: string }[]) =>
    waitFor(async () => events.every((event) => received.has(event.id)));

  beforeEach(async () => {
    db = await createTestDatabase('projection_ignored');
    store = new PostgresEventStore(db.pool);
    await createCountingTables(db.pool);
    await recordCheckpointMoves(db.pool);
  });
  afterEach(async () => {
    received.clear();
    await Promise.all(runners.splice(0).map((runner) => runner.stop()));
    await store.close();
    await dropDatabase(db);
  });

  const startRunner = async (pool: Pool, ignoredFlushDelayMs?: number) => {
    const runner = new ProjectionRunner({
      pool,
      store,
      projection: selectiveProjection(received),
      ignoredFlushDelayMs,
      retryDelayMs: 10,
      log: () => {},
    });
    runners.push(runner);
    await runner.start();
    return runner;
  };
  const headPosition = async (total: number) =>
    (await readAllVisible(store, total))[total - 1].position;
  /** Each `Numbered` event's row carries its rank in the store, as a rebuild numbers it. */
  const expectedLog = async (total: number) =>
    (await readAllVisible(store, total))
      .map((event, index) => ({ event, sequence: index + 1 }))
      .filter(({ event }) => event.type === 'Numbered')
      .map(({ event, sequence }) => ({
        event_id: event.id,
        sequence: String(sequence),
        n: (event.data as { n: number }).n,
      }));

  it('does not commit a checkpoint per ignored event, yet reaches the head within the flush delay', async () => {
    const [stream] = streamsNamed(1);
    await startRunner(db.pool);
    await appendNumbered(store, 1, 1, [stream]);
    await waitFor(async () => (await eventsHandled(db.pool, NAME)) === 1);
    const movesBefore = await checkpointMoves(db.pool);

    // 40 ignored events, each in its own transaction and delivered on its own.
    const started = Date.now();
    await appendIgnored(store, stream, 2, 40, 10);
    const head = await headPosition(41);
    await waitFor(async () => (await checkpointPosition(db.pool, NAME)) === head, 5000);
    const elapsed = Date.now() - started;

    const moves = (await checkpointMoves(db.pool)) - movesBefore;
    // At most one commit per flush delay of the burst (plus the last), not one per event.
    expect(moves).toBeLessThanOrEqual(Math.ceil(elapsed / IGNORED_FLUSH_DELAY_MS) + 1);
    expect(moves).toBeLessThan(20);
    expect(await eventsHandled(db.pool, NAME)).toBe(41);
    expect((await snapshot(db.pool)).log).toEqual(await expectedLog(41));
  });

  it('moves the checkpoint over kept events together with the next event it handles', async () => {
    const [stream] = streamsNamed(1);
    await startRunner(db.pool, 60_000);
    await appendNumbered(store, 1, 1, [stream]);
    await waitFor(async () => (await eventsHandled(db.pool, NAME)) === 1);
    const movesBefore = await checkpointMoves(db.pool);

    await appendIgnored(store, stream, 2, 20);
    await receivedAll(await readAllVisible(store, 21));
    await sleep(100);
    expect(await eventsHandled(db.pool, NAME)).toBe(1);

    await appendNumbered(store, 22, 1, [stream]);
    await waitFor(async () => (await eventsHandled(db.pool, NAME)) === 22);
    expect((await checkpointMoves(db.pool)) - movesBefore).toBe(1);
    expect(await checkpointPosition(db.pool, NAME)).toBe(await headPosition(22));
    expect((await snapshot(db.pool)).log).toEqual(await expectedLog(22));
  });

  it('applies kept events on stop', async () => {
    const [stream] = streamsNamed(1);
    const runner = await startRunner(db.pool, 60_000);
    await appendNumbered(store, 1, 1, [stream]);
    await waitFor(async () => (await eventsHandled(db.pool, NAME)) === 1);
    await appendIgnored(store, stream, 2, 10);
    const head = await headPosition(11);
    await receivedAll(await readAllVisible(store, 11));
    expect(await eventsHandled(db.pool, NAME)).toBe(1);

    await runner.stop();
    expect(await checkpointPosition(db.pool, NAME)).toBe(head);
    expect(await eventsHandled(db.pool, NAME)).toBe(11);
  });

  it('after a crash with kept events uncommitted, delivers them again and applies each once, numbered as a rebuild numbers them', async () => {
    const [stream, other] = streamsNamed(2);
    // The crashing process's own pool: ending it is the process losing its connections.
    const crashing = new Pool({ connectionString: db.url, max: 4 });
    crashing.on('error', () => undefined);
    const runner = await startRunner(crashing, 60_000);
    await appendNumbered(store, 1, 3, [stream, other]);
    await waitFor(async () => (await eventsHandled(db.pool, NAME)) === 3);
    const committed = await checkpointPosition(db.pool, NAME);
    await appendIgnored(store, stream, 4, 15);
    await receivedAll(await readAllVisible(store, 18));

    await crashing.end();
    await runner.stop();
    expect(await checkpointPosition(db.pool, NAME)).toBe(committed);

    await appendNumbered(store, 19, 2, [stream, other]);
    await startRunner(db.pool);
    await waitFor(async () => (await eventsHandled(db.pool, NAME)) === 20);
    const live = await snapshot(db.pool);
    expect(live.log).toEqual(await expectedLog(20));

    await Promise.all(runners.splice(0).map((r) => r.stop()));
    await rebuildProjection({ pool: db.pool, store, projection: selectiveProjection() });
    expect(await snapshot(db.pool)).toEqual(live);
  });
});
