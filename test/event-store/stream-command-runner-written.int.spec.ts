import { EventStore, ReadStreamOptions } from '../../src/event-store/event-store.port';
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store';
import { StoredEventNames } from '../../src/event-store/stored-event-names';
import { WrongExpectedRevision } from '../../src/event-store/event-store.errors';
import { runStreamCommand } from '../../src/common/stream-command-runner';
import { WrittenStreamFolds } from '../../src/common/written-stream-folds';
import { StreamFoldCache } from '../../src/common/stream-fold-cache';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { Counter, counter, metadata } from './support/counter-decider';

/** The store, counting its stream reads and its appends. */
function countingReads(store: EventStore): { store: EventStore; reads: number; appends: number } {
  const counted = { store, reads: 0, appends: 0 };
  counted.store = new Proxy(store, {
    get(target, key, receiver) {
      if (key === 'append') {
        return (...args: Parameters<EventStore['append']>) => {
          counted.appends += 1;
          return target.append(...args);
        };
      }
      if (key !== 'readStream') return Reflect.get(target, key, receiver);
      return async (streamId: string, options?: ReadStreamOptions) => {
        counted.reads += 1;
        return target.readStream(streamId, options);
      };
    },
  });
  return counted;
}

describe('runStreamCommand on the state this process last wrote (a case step after a step)', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;

  beforeAll(async () => {
    db = await createTestDatabase('stream_command_runner_written');
    store = new PostgresEventStore(db.pool, new StoredEventNames());
  });
  afterAll(async () => {
    await store.close();
    await db.drop();
  });

  function writer(limit = 100) {
    const counted = countingReads(store);
    const written = new WrittenStreamFolds<Counter>(10);
    const run = (streamId: string, options: { idSeed?: string; ifMatch?: number } = {}) =>
      runStreamCommand(counted.store, streamId, counter(limit), 'increment', {
        ...options,
        metadata,
        context: () => undefined,
        written,
      });
    return { counted, run };
  }

  /** Another instance: it writes without this process's kept states. */
  const elsewhere = (streamId: string) =>
    runStreamCommand(store, streamId, counter(100), 'increment', {
      metadata,
      context: () => undefined,
    });

  it('reads a stream once, then decides each next command on what it wrote', async () => {
    const { counted, run } = writer();
    for (let i = 0; i < 5; i += 1) await run('counter-steps');
    expect(counted.reads).toBe(1);
    const events = await store.readStream('counter-steps');
    expect(events.map((e) => (e.data as { to: number }).to)).toEqual([1, 2, 3, 4, 5]);
  });

  it('decides again on the stream as it is when someone else wrote since, overwriting nothing', async () => {
    const { run } = writer();
    await run('counter-shared');
    await elsewhere('counter-shared');
    const result = await run('counter-shared');
    expect(result.state.count).toBe(3);
    expect(result.revision).toBe(2);
    const events = await store.readStream('counter-shared');
    expect(events.map((e) => (e.data as { to: number }).to)).toEqual([1, 2, 3]);
  });

  it('answers a refusal from the stream as it is, not from the kept state', async () => {
    // The kept state (count 1) would allow the command; the stream (count 2) is at the limit.
    const { run } = writer(2);
    await run('counter-limit');
    await elsewhere('counter-limit');
    await expect(run('counter-limit')).rejects.toThrow('limit 2 reached');
    expect(await store.streamRevision('counter-limit')).toBe(1);
  });

  it('gives a 409 with the current revision when If-Match names an older one', async () => {
    const { run } = writer();
    await run('counter-if-match');
    await elsewhere('counter-if-match');
    const refused = await run('counter-if-match', { ifMatch: 0 }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(WrongExpectedRevision);
    expect((refused as WrongExpectedRevision).actual).toBe(1);
  });

  it('writes a repeated request (same idempotency seed) once, answered as a replay', async () => {
    const { run } = writer();
    await run('counter-repeat');
    const first = await run('counter-repeat', { idSeed: 'request-1' });
    const again = await run('counter-repeat', { idSeed: 'request-1' });
    expect(first.replayed).toBe(false);
    expect(again.replayed).toBe(true);
    expect(again.revision).toBe(1);
    expect(await store.streamRevision('counter-repeat')).toBe(1);
  });

  describe("with a kept fold besides (a person's record: sagas note on it after each step)", () => {
    function recordWriter(limit = 100) {
      const counted = countingReads(store);
      const written = new WrittenStreamFolds<Counter>(10);
      const folds = new StreamFoldCache(counted.store, counter(limit), 10);
      const run = (
        streamId: string,
        options: { idSeed?: string; beforeAppend?: () => Promise<void> } = {},
      ) =>
        runStreamCommand(counted.store, streamId, counter(limit), 'increment', {
          ...options,
          metadata,
          context: () => undefined,
          fold: (id) => folds.load(id),
          written,
        });
      return { counted, run };
    }

    it('reads the stream once, then writes each next note without a read', async () => {
      const { counted, run } = recordWriter();
      for (let i = 0; i < 4; i += 1) await run('record-steps');
      expect(counted.reads).toBe(1);
      expect(await store.streamRevision('record-steps')).toBe(3);
    });

    it('after a write elsewhere, reads only what was appended since and overwrites nothing', async () => {
      const { counted, run } = recordWriter();
      await run('record-shared');
      await elsewhere('record-shared');
      const before = counted.reads;
      const result = await run('record-shared');
      expect(result.state.count).toBe(3);
      // The refused append cost no read; the kept fold then read the events since, not the stream.
      expect(counted.reads - before).toBe(1);
      const events = await store.readStream('record-shared');
      expect(events.map((e) => (e.data as { to: number }).to)).toEqual([1, 2, 3]);
    });

    it('keeps what a command with a reservation wrote (it is decided on a read): the next is not refused', async () => {
      const { counted, run } = recordWriter();
      let reserved = 0;
      await run('record-reserved', { beforeAppend: async () => void (reserved += 1) });
      await run('record-reserved', { beforeAppend: async () => void (reserved += 1) });
      const before = { reads: counted.reads, appends: counted.appends };
      await run('record-reserved');
      expect(reserved).toBe(2);
      // Decided on the kept state and appended once: no read, no append the store refused.
      expect(counted.reads - before.reads).toBe(0);
      expect(counted.appends - before.appends).toBe(1);
      expect(await store.streamRevision('record-reserved')).toBe(2);
    });

    it('refuses on the record as it is, and still recognises a repeated note', async () => {
      const { run } = recordWriter(2);
      await run('record-limit', { idSeed: 'note-1' });
      await expect(run('record-limit', { idSeed: 'note-1' })).resolves.toMatchObject({
        replayed: true,
      });
      await elsewhere('record-limit');
      await expect(run('record-limit')).rejects.toThrow('limit 2 reached');
      expect(await store.streamRevision('record-limit')).toBe(1);
    });
  });

  describe('a stream expected to be new (a case being opened)', () => {
    const open = (streamId: string, options: { idSeed?: string } = {}) => {
      const counted = countingReads(store);
      const result = runStreamCommand(counted.store, streamId, counter(100), 'increment', {
        ...options,
        metadata,
        context: () => undefined,
        expectNew: true,
      });
      return { counted, result };
    };

    it('writes its first command without reading the stream', async () => {
      const { counted, result } = open('counter-new');
      await expect(result).resolves.toMatchObject({ revision: 0, replayed: false });
      expect(counted.reads).toBe(0);
      expect(await store.streamRevision('counter-new')).toBe(0);
    });

    it('decides on the stream as it is when it exists after all, overwriting nothing', async () => {
      await elsewhere('counter-there');
      const { counted, result } = open('counter-there');
      await expect(result).resolves.toMatchObject({ revision: 1, state: { count: 2 } });
      expect(counted.reads).toBe(1);
      const events = await store.readStream('counter-there');
      expect(events.map((e) => (e.data as { to: number }).to)).toEqual([1, 2]);
    });

    it('recognises a repeat by its seed and appends nothing twice', async () => {
      await open('counter-opened-twice', { idSeed: 'open-1' }).result;
      const { result } = open('counter-opened-twice', { idSeed: 'open-1' });
      // Told apart by its seed: by the whole read (a repeat with other content), or by the store
      // itself (the very same events, as here). Either way the case is there once.
      await expect(result).resolves.toMatchObject({ revision: 0, state: { count: 1 } });
      expect(await store.streamRevision('counter-opened-twice')).toBe(0);
    });
  });
});
