import { randomUUID } from 'node:crypto';
import { EventMetadata } from '../../src/event-store/event-envelope';
import { EventStore } from '../../src/event-store/event-store.port';
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store';
import { StoredEventNames } from '../../src/event-store/stored-event-names';
import { StreamFoldCache } from '../../src/common/stream-fold-cache';
import { createTestDatabase, TestDatabase } from '../support/test-database';

/** A record that lists what happened to it, in order: a stale or doubled fold shows at once. */
type Entries = { entries: string[] };
const entries = {
  initialState: (): Entries => ({ entries: [] }),
  evolve: (state: Entries, event: { type: string; data: unknown }): Entries => ({
    entries: [...state.entries, (event.data as { label: string }).label],
  }),
};

const metadata: EventMetadata = {
  actorId: 'test',
  correlationId: 'c',
  causationId: null,
  occurredAt: new Date().toISOString(),
};

describe('StreamFoldCache on PostgreSQL', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;

  beforeAll(async () => {
    db = await createTestDatabase('stream_fold_cache');
    store = new PostgresEventStore(db.pool, new StoredEventNames());
  });
  afterAll(async () => {
    await store.close();
    await db.drop();
  });

  const append = (streamId: string, labels: string[], expected: number | 'no_stream') =>
    store.append(
      streamId,
      labels.map((label) => ({ id: randomUUID(), type: 'Noted', data: { label }, metadata })),
      { expectedRevision: expected },
    );

  /** Counts the events each read returns, to show that a warm read skips what it folded. */
  function counting(inner: EventStore) {
    const reads: number[] = [];
    const proxy = new Proxy(inner, {
      get(target, key, receiver) {
        if (key !== 'readStream') return Reflect.get(target, key, receiver);
        return async (...args: Parameters<EventStore['readStream']>) => {
          const events = await target.readStream(...args);
          reads.push(events.length);
          return events;
        };
      },
    });
    return { proxy, reads };
  }

  it('folds only what was appended since the last read, also by another writer', async () => {
    const { proxy, reads } = counting(store);
    const cache = new StreamFoldCache(proxy, entries, 10);
    const labels = Array.from({ length: 200 }, (_, i) => `e${i}`);
    await append('cadre-long', labels, 'no_stream');

    expect((await cache.load('cadre-long')).state.entries).toEqual(labels);
    // Another instance (here: the store directly) appends two events behind the cache's back.
    await append('cadre-long', ['post', 'rating'], 199);
    const warm = await cache.load('cadre-long');

    expect(warm).toEqual({ state: { entries: [...labels, 'post', 'rating'] }, revision: 201 });
    expect(reads).toEqual([200, 3]);
  });

  it('folds again from the start when the stream under the cached revision was rewritten', async () => {
    const cache = new StreamFoldCache(store, entries, 10);
    await append('cadre-rewritten', ['a', 'b'], 'no_stream');
    await cache.load('cadre-rewritten');

    // The tamper tests do this: the stream's rows are replaced with other events.
    await db.pool.query(`DELETE FROM events WHERE stream_id = 'cadre-rewritten'`);
    await append('cadre-rewritten', ['x', 'y', 'z'], 'no_stream');

    expect((await cache.load('cadre-rewritten')).state.entries).toEqual(['x', 'y', 'z']);
  });

  it('answers an empty state for a stream that does not exist, and keeps only its capacity', async () => {
    const { proxy, reads } = counting(store);
    const cache = new StreamFoldCache(proxy, entries, 1);
    expect(await cache.load('cadre-none')).toEqual({ state: { entries: [] }, revision: null });
    await append('cadre-one', ['1'], 'no_stream');
    await append('cadre-two', ['2'], 'no_stream');
    await cache.load('cadre-one');
    await cache.load('cadre-two'); // evicts cadre-one
    await cache.load('cadre-one');

    // The second read of cadre-one is a whole read again (1 event from revision 0, not "from").
    expect(reads).toEqual([0, 1, 1, 1]);
    expect((await cache.load('cadre-one')).state.entries).toEqual(['1']);
  });
});
