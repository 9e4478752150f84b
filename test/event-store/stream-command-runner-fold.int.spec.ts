import { EventStore, ReadStreamOptions } from '../../src/event-store/event-store.port';
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store';
import { StoredEventNames } from '../../src/event-store/stored-event-names';
import { runStreamCommand } from '../../src/common/stream-command-runner';
import { StreamFoldCache } from '../../src/common/stream-fold-cache';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { counter, metadata } from './support/counter-decider';

/** The store, counting the events it hands out on whole-stream reads (no `from`). */
function countingWholeReads(store: EventStore): { store: EventStore; wholeReadEvents: number } {
  const counted = { store, wholeReadEvents: 0 };
  counted.store = new Proxy(store, {
    get(target, key, receiver) {
      if (key !== 'readStream') return Reflect.get(target, key, receiver);
      return async (streamId: string, options?: ReadStreamOptions) => {
        const events = await target.readStream(streamId, options);
        if (options?.from === undefined) counted.wholeReadEvents += events.length;
        return events;
      };
    },
  });
  return counted;
}

describe('runStreamCommand on a kept fold (a long record costs a command what a short one does)', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;

  beforeAll(async () => {
    db = await createTestDatabase('stream_command_runner_fold');
    store = new PostgresEventStore(db.pool, new StoredEventNames());
  });
  afterAll(async () => {
    await store.close();
    await db.drop();
  });

  /** A stream of `events` increments, and a fold of it kept by `cache` (read once, whole). */
  async function longStream(streamId: string, events: number, decider = counter(10_000)) {
    const batch = Array.from({ length: events }, (_, i) => ({
      id: `${streamId}-${i}`,
      type: 'Incremented',
      data: { to: i + 1 },
      metadata,
    }));
    await store.append(streamId, batch, { expectedRevision: 'no_stream' });
    const counted = countingWholeReads(store);
    const cache = new StreamFoldCache(counted.store, decider, 10);
    await cache.load(streamId);
    counted.wholeReadEvents = 0;
    const run = (options: { idSeed?: string; ifMatch?: number } = {}) =>
      runStreamCommand(counted.store, streamId, decider, 'increment', {
        ...options,
        metadata,
        context: () => undefined,
        fold: (id) => cache.load(id),
      });
    return { counted, run };
  }

  it('decides on the fold without reading the stream whole, on the stream as it now is', async () => {
    const { counted, run } = await longStream('counter-long', 2000);
    // Another instance appends meanwhile: the fold reads what came since, the rule sees it.
    await runStreamCommand(store, 'counter-long', counter(10_000), 'increment', {
      metadata,
      context: () => undefined,
    });
    const result = await run({ idSeed: 'note-1' });
    expect(result.revision).toBe(2001);
    expect(result.state.count).toBe(2002);
    expect(counted.wholeReadEvents).toBe(0);
    const events = await store.readStream('counter-long', { from: 2000 });
    expect(events.map((e) => (e.data as { to: number }).to)).toEqual([2001, 2002]);
  });

  it('writes a repeated saga command (same id seed) once, answered as a replay', async () => {
    const { run } = await longStream('counter-repeat', 50);
    const first = await run({ idSeed: 'note-2' });
    const again = await run({ idSeed: 'note-2' });
    expect(first.replayed).toBe(false);
    expect(again.replayed).toBe(true);
    expect(again.revision).toBe(50);
    expect(await store.readStream('counter-repeat')).toHaveLength(51);
  });

  it('answers a repeat that the rules would now refuse as a replay, not as a refusal', async () => {
    const { run } = await longStream('counter-full', 9, counter(10));
    await run({ idSeed: 'note-3' });
    await expect(run({ idSeed: 'note-3' })).resolves.toMatchObject({ replayed: true });
    await expect(run({ idSeed: 'note-4' })).rejects.toThrow('limit 10 reached');
    expect(await store.readStream('counter-full')).toHaveLength(10);
  });
});
