import { BulkWrites } from '../../src/event-store/bulk-writes';
import { RecordedEvent } from '../../src/event-store/event-envelope';
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store';
import { StoredEventNames } from '../../src/event-store/stored-event-names';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { waitUntil } from '../support/wait-until';
import { anEvent } from './event-store.contract';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A bulk write that appends when told to and runs until `finish` is called. */
function openBulkWrite(bulk: BulkWrites) {
  let finish: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  const written = bulk.during(() => finished);
  return { written, finish };
}

describe('live subscriptions while a bulk write runs (PostgreSQL)', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('bulk_write_hold');
  });
  afterAll(async () => {
    await db.drop();
  });

  /** A store whose caught-up subscription records what it is handed, from the log's head. */
  async function subscribed(holdMs: number) {
    const bulk = new BulkWrites(holdMs);
    const store = new PostgresEventStore(db.pool, new StoredEventNames(), { bulkWrites: bulk });
    const seen: RecordedEvent[] = [];
    const subscription = store.subscribe('start', async (event) => {
      seen.push(event);
    });
    await subscription.caughtUp;
    const before = seen.length;
    const close = async () => {
      await subscription.stop();
      await store.close();
    };
    return { bulk, store, seen: () => seen.slice(before), subscription, close };
  }

  it('hands over what was written during the bulk write once it ends, in order', async () => {
    const { bulk, store, seen, close } = await subscribed(60_000);
    try {
      const write = openBulkWrite(bulk);
      const events = [anEvent(), anEvent(), anEvent()];
      await store.append('bulk-1', events.slice(0, 2), { expectedRevision: 'no_stream' });
      await store.append('bulk-1', events.slice(2), { expectedRevision: 1 });
      await pause(400);
      expect(seen()).toHaveLength(0);
      write.finish();
      await write.written;
      await waitUntil(() => seen().length === 3, 'the bulk write’s events');
      expect(seen().map((event) => event.id)).toEqual(events.map((event) => event.id));
    } finally {
      await close();
    }
  });

  it('reads on after the hold’s limit while the bulk write still runs', async () => {
    const { bulk, store, seen, close } = await subscribed(300);
    const write = openBulkWrite(bulk);
    try {
      const started = Date.now();
      await store.append('bulk-2', [anEvent()], { expectedRevision: 'no_stream' });
      await waitUntil(() => seen().length === 1, 'the event after the hold ran out');
      expect(Date.now() - started).toBeGreaterThanOrEqual(250);
      // Caught up again, it holds again: the next event waits for the limit too.
      const again = Date.now();
      await store.append('bulk-2', [anEvent()], { expectedRevision: 0 });
      await waitUntil(() => seen().length === 2, 'the second event');
      expect(Date.now() - again).toBeGreaterThanOrEqual(150);
    } finally {
      write.finish();
      await write.written;
      await close();
    }
  });

  it('holds before its next page when a bulk write starts while it reads what woke it', async () => {
    const bulk = new BulkWrites(60_000);
    const store = new PostgresEventStore(db.pool, new StoredEventNames(), { bulkWrites: bulk });
    const bulkWrite: { started?: ReturnType<typeof openBulkWrite> } = {};
    const seen: string[] = [];
    const events = [anEvent(), anEvent(), anEvent(), anEvent(), anEvent()];
    const ids = new Set(events.map((event) => event.id));
    const subscription = store.subscribe(
      'start',
      async (event) => {
        if (!ids.has(event.id)) return;
        seen.push(event.id);
        // As a batch's first chunk does: its write begins just after the subscription woke.
        bulkWrite.started ??= openBulkWrite(bulk);
      },
      { batchSize: 2 },
    );
    try {
      await subscription.caughtUp;
      await store.append('bulk-4', events, { expectedRevision: 'no_stream' });
      await waitUntil(() => seen.length === 2, 'the first page');
      await pause(400);
      expect(seen).toHaveLength(2);
      bulkWrite.started!.finish();
      await bulkWrite.started!.written;
      await waitUntil(() => seen.length === 5, 'the rest once the bulk write ended');
      expect(seen).toEqual(events.map((event) => event.id));
    } finally {
      bulkWrite.started?.finish();
      await subscription.stop();
      await store.close();
    }
  });

  it('is not held without a bulk write, and stops at once while held', async () => {
    const { bulk, store, seen, subscription, close } = await subscribed(60_000);
    await store.append('bulk-3', [anEvent()], { expectedRevision: 'no_stream' });
    await waitUntil(() => seen().length === 1, 'an event outside any bulk write');
    const write = openBulkWrite(bulk);
    await store.append('bulk-3', [anEvent()], { expectedRevision: 0 });
    await pause(100);
    const stopping = Date.now();
    await subscription.stop();
    expect(Date.now() - stopping).toBeLessThan(2000);
    write.finish();
    await write.written;
    await close();
  });
});
