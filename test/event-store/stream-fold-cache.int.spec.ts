import { randomUUID } from 'node:crypto';
import { EventMetadata } from '../../src/event-store/event-envelope';
import { EventStore } from '../../src/event-store/event-store.port';
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store';
import { StoredEventNames } from '../../src/event-store/stored-event-names';
import { StreamFoldCache } from '../../src/common/stream-fold-cache';
import { HeadsReadOnce } from '../../src/common/heads-read-once';
import { rewriteEvent } from '../support/rewrite-event';
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

    expect(warm).toEqual({
      state: { entries: [...labels, 'post', 'rating'] },
      revision: 201,
      first: { type: 'Noted', data: { label: 'e0' } },
    });
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
    expect(await cache.load('cadre-none')).toEqual({
      state: { entries: [] },
      revision: null,
      first: null,
    });
    await append('cadre-one', ['1'], 'no_stream');
    await append('cadre-two', ['2'], 'no_stream');
    await cache.load('cadre-one');
    await cache.load('cadre-two'); // evicts cadre-one
    await cache.load('cadre-one');

    // The second read of cadre-one is a whole read again (1 event from revision 0, not "from").
    expect(reads).toEqual([0, 1, 1, 1]);
    expect((await cache.load('cadre-one')).state.entries).toEqual(['1']);
  });

  /** Records what a bulk load asks of the store: the heads it checks and the reads it makes. */
  function watching(inner: EventStore) {
    const asked = { heads: [] as string[][], reads: [] as string[][] };
    const proxy = new Proxy(inner, {
      get(target, key, receiver) {
        if (key === 'streamHeads')
          return (ids: string[]) => {
            asked.heads.push([...ids]);
            return target.streamHeads(ids);
          };
        if (key === 'readStreams')
          return (reads: Parameters<EventStore['readStreams']>[0]) => {
            asked.reads.push(reads.map((read) => `${read.streamId}@${read.from ?? 0}`));
            return target.readStreams(reads);
          };
        return Reflect.get(target, key, receiver);
      },
    });
    return { proxy, asked };
  }

  it('loads many at once: a kept fold nobody moved costs its head, a moved one its new events', async () => {
    const [still, moved, fresh] = ['cadre-bulk-still', 'cadre-bulk-moved', 'cadre-bulk-fresh'];
    await append(still, ['s0', 's1'], 'no_stream');
    await append(moved, ['m0', 'm1'], 'no_stream');
    await append(fresh, ['f0'], 'no_stream');
    const { proxy, asked } = watching(store);
    const cache = new StreamFoldCache(proxy, entries, 10);
    await cache.loadMany([still, moved]);
    await append(moved, ['m2', 'm3'], 1);

    const loaded = await cache.loadMany([still, moved, fresh, 'cadre-bulk-none']);

    expect(loaded.map((fold) => [fold.state.entries, fold.revision, fold.first])).toEqual([
      [['s0', 's1'], 1, { type: 'Noted', data: { label: 's0' } }],
      [['m0', 'm1', 'm2', 'm3'], 3, { type: 'Noted', data: { label: 'm0' } }],
      [['f0'], 0, { type: 'Noted', data: { label: 'f0' } }],
      [[], null, null],
    ]);
    expect(asked.heads).toEqual([[still, moved]]);
    expect(asked.reads).toEqual([
      [`${still}@0`, `${moved}@0`],
      [`${moved}@1`, `${fresh}@0`, 'cadre-bulk-none@0'],
    ]);
  });

  it('loads many: a stream rewritten or deleted under its kept fold is folded again from the start', async () => {
    const [rewritten, deleted] = ['cadre-bulk-rewritten', 'cadre-bulk-deleted'];
    await append(rewritten, ['a', 'b'], 'no_stream');
    await append(deleted, ['d'], 'no_stream');
    const cache = new StreamFoldCache(store, entries, 10);
    await cache.loadMany([rewritten, deleted]);

    await db.pool.query(`DELETE FROM events WHERE stream_id IN ($1, $2)`, [rewritten, deleted]);
    await append(rewritten, ['x', 'y', 'z'], 'no_stream');

    const [again, gone] = await cache.loadMany([rewritten, deleted]);
    expect(again.state.entries).toEqual(['x', 'y', 'z']);
    expect(gone).toEqual({ state: { entries: [] }, revision: null, first: null });
    expect((await cache.load(rewritten)).first).toEqual({ type: 'Noted', data: { label: 'x' } });
  });

  it('folds again when an event at or under the kept revision is rewritten (same id, chain recomputed), and when restored', async () => {
    const [single, bulk, movedOn] = ['cadre-same-id', 'cadre-bulk-same-id', 'cadre-bulk-moved-on'];
    for (const streamId of [single, bulk, movedOn]) await append(streamId, ['a', 'b'], 'no_stream');
    const cache = new StreamFoldCache(store, entries, 10);
    await cache.load(single);
    await cache.loadMany([bulk, movedOn]);
    const relabel = (label: string) => () => ({ label });

    // Under the kept revision (load), at it (loadMany, the head unchanged), under it once the
    // stream has moved on (loadMany from the kept revision).
    await rewriteEvent(db.pool, single, 0, relabel('A'));
    await rewriteEvent(db.pool, bulk, 1, relabel('B'));
    await rewriteEvent(db.pool, movedOn, 0, relabel('A'));
    await append(movedOn, ['c'], 1);

    expect((await cache.load(single)).state.entries).toEqual(['A', 'b']);
    expect((await cache.loadMany([bulk, movedOn])).map((fold) => fold.state.entries)).toEqual([
      ['a', 'B'],
      ['A', 'b', 'c'],
    ]);

    // Restored: the first content again.
    await rewriteEvent(db.pool, single, 0, relabel('a'));
    await rewriteEvent(db.pool, bulk, 1, relabel('b'));
    expect((await cache.load(single)).state.entries).toEqual(['a', 'b']);
    expect((await cache.loadMany([bulk])).map((fold) => fold.state.entries)).toEqual([['a', 'b']]);
  });

  it('moves a kept fold with the events this process appended, so the next bulk load checks heads only', async () => {
    const [created, extended, unheld] = ['cadre-w-new', 'cadre-w-old', 'cadre-w-unheld'];
    const { proxy, asked } = watching(store);
    const cache = new StreamFoldCache(proxy, entries, 10);
    await append(extended, ['o0'], 'no_stream');
    await append(unheld, ['u0'], 'no_stream');
    await cache.loadMany([extended]);
    const noted = (labels: string[]) =>
      labels.map((label) => ({ id: randomUUID(), type: 'Noted', data: { label }, metadata }));
    const [forCreated, forExtended, forUnheld] = [
      noted(['n0', 'n1']),
      noted(['o1']),
      noted(['u1']),
    ];
    await store.append(created, forCreated, { expectedRevision: 'no_stream' });
    await store.append(extended, forExtended, { expectedRevision: 0 });
    await store.append(unheld, forUnheld, { expectedRevision: 0 });
    cache.appended(created, null, forCreated);
    cache.appended(extended, 0, forExtended);
    // Nothing held at revision 0 of this one: what follows is not known, so nothing is kept.
    cache.appended(unheld, 0, forUnheld);
    asked.reads.length = 0;

    const loaded = await cache.loadMany([created, extended, unheld]);

    expect(loaded.map((fold) => fold.state.entries)).toEqual([
      ['n0', 'n1'],
      ['o0', 'o1'],
      ['u0', 'u1'],
    ]);
    expect(asked.heads.at(-1)).toEqual([created, extended]);
    expect(asked.reads).toEqual([[`${unheld}@0`]]);
  });

  describe('within one step request (HeadsReadOnce)', () => {
    /** Two folds of one stream, as the scope's registration fold and the record's own fold are. */
    const twoFolds = (proxy: EventStore) => [
      new StreamFoldCache(proxy, entries, 10),
      new StreamFoldCache(proxy, entries, 10),
    ];

    it('asks each head once for both folds, and both see the same record', async () => {
      await append('cadre-once-a', ['a0'], 'no_stream');
      await append('cadre-once-b', ['b0'], 'no_stream');
      const { proxy, asked } = watching(store);
      const [scope, record] = twoFolds(proxy);
      await scope.loadMany(['cadre-once-a', 'cadre-once-b']);
      await record.loadMany(['cadre-once-a', 'cadre-once-b']);
      asked.heads.length = 0;

      const [first, second] = await HeadsReadOnce.within(async () => [
        await scope.loadMany(['cadre-once-a', 'cadre-once-b']),
        await record.loadMany(['cadre-once-b', 'cadre-once-a']),
      ]);

      expect(asked.heads).toEqual([['cadre-once-a', 'cadre-once-b']]);
      expect(first.map((fold) => fold.state.entries)).toEqual([['a0'], ['b0']]);
      expect(second.map((fold) => fold.state.entries)).toEqual([['b0'], ['a0']]);
    });

    it('reads afresh once closed (the command appended or decides again), also within the request', async () => {
      await append('cadre-once-c', ['c0'], 'no_stream');
      const { proxy, asked } = watching(store);
      const [scope, record] = twoFolds(proxy);
      await record.loadMany(['cadre-once-c']);
      asked.heads.length = 0;

      const after = await HeadsReadOnce.within(async () => {
        await scope.loadMany(['cadre-once-c']);
        await record.loadMany(['cadre-once-c']);
        // Another writer moves the record; the command's first attempt ends (runStreamCommand).
        await append('cadre-once-c', ['c1'], 0);
        HeadsReadOnce.close();
        return record.loadMany(['cadre-once-c']);
      });

      expect(after[0].state.entries).toEqual(['c0', 'c1']);
      expect(asked.heads).toEqual([['cadre-once-c'], ['cadre-once-c']]);
    });

    it('reads no events for a load whose head the request asked, unless the stream moved', async () => {
      await append('cadre-once-e', ['e0'], 'no_stream');
      await append('cadre-once-f', ['f0'], 'no_stream');
      const { proxy: watched, asked } = watching(store);
      const { proxy, reads } = counting(watched);
      const [scope, record] = twoFolds(proxy);
      await record.load('cadre-once-e');
      await record.load('cadre-once-f');
      await scope.loadMany(['cadre-once-e', 'cadre-once-f']);
      reads.length = 0;

      // Moved by another writer after the record's fold was kept, before the request.
      await append('cadre-once-f', ['f1'], 0);
      const loaded = await HeadsReadOnce.within(async () => {
        await scope.loadMany(['cadre-once-e', 'cadre-once-f']);
        return [await record.load('cadre-once-e'), await record.load('cadre-once-f')];
      });

      expect(loaded.map((fold) => fold.state.entries)).toEqual([['e0'], ['f0', 'f1']]);
      // The unmoved record was answered from its kept fold; the moved one read from its revision.
      expect(reads).toEqual([2]);
      expect(asked.heads.at(-1)).toEqual(['cadre-once-e', 'cadre-once-f']);
    });

    it('keeps nothing outside a step request: every load asks the head', async () => {
      await append('cadre-once-d', ['d0'], 'no_stream');
      const { proxy, asked } = watching(store);
      const [scope, record] = twoFolds(proxy);
      await scope.loadMany(['cadre-once-d']);
      await record.loadMany(['cadre-once-d']);
      asked.heads.length = 0;

      await scope.loadMany(['cadre-once-d']);
      await append('cadre-once-d', ['d1'], 0);
      const moved = await record.loadMany(['cadre-once-d']);

      expect(moved[0].state.entries).toEqual(['d0', 'd1']);
      expect(asked.heads).toEqual([['cadre-once-d'], ['cadre-once-d']]);
    });
  });
});
