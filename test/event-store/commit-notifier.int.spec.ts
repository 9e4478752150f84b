import { Pool } from 'pg';
import { RecordedEvent } from '../../src/event-store/event-envelope';
import { Subscription } from '../../src/event-store/event-store.port';
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store';
import { StoredEventNames } from '../../src/event-store/stored-event-names';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { waitUntil } from '../support/wait-until';
import { anEvent } from './event-store.contract';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The payloads of the NOTIFYs a pool sends. */
function recordNotifies(pool: Pool): string[] {
  const sent: string[] = [];
  const query = pool.query.bind(pool) as (text: string, values?: unknown[]) => Promise<unknown>;
  (pool as unknown as { query: typeof query }).query = (text, values) => {
    if (typeof text === 'string' && text.includes('pg_notify')) sent.push(String(values?.[1]));
    return query(text, values);
  };
  return sent;
}

/**
 * A process alone on its database sends no NOTIFY for its commits (its own subscribers were woken
 * at the append; nobody else listens); once another process listens, it notifies again.
 */
describe('commit notifications between processes', () => {
  let db: TestDatabase;
  let otherPool: Pool;
  let first: PostgresEventStore;
  let second: PostgresEventStore;
  const subscriptions: Subscription[] = [];

  beforeAll(async () => {
    db = await createTestDatabase('es_commit_notifier');
    otherPool = new Pool({ connectionString: db.url, max: 4 });
    otherPool.on('error', () => undefined);
  });
  afterAll(async () => {
    for (const subscription of subscriptions) await subscription.stop();
    await first?.close();
    await second?.close();
    await otherPool?.end();
    await db?.drop();
  });

  it('sends none while alone, and notifies the other process as soon as it listens', async () => {
    const sent = recordNotifies(db.pool);
    first = new PostgresEventStore(db.pool, new StoredEventNames());
    const seenByFirst: RecordedEvent[] = [];
    const own = first.subscribe('start', async (event) => {
      seenByFirst.push(event);
    });
    subscriptions.push(own);
    await own.caughtUp;
    await waitUntil(() => sent.some((payload) => payload.startsWith('hello:')), 'the hello');

    for (let i = 0; i < 3; i += 1) {
      await first.append(`alone-${i}`, [anEvent()], { expectedRevision: 'no_stream' });
      await pause(20);
    }
    await waitUntil(() => seenByFirst.length === 3, 'its own subscriber to see its commits');
    expect(sent.filter((payload) => !payload.startsWith('hello:'))).toEqual([]);

    second = new PostgresEventStore(otherPool, new StoredEventNames());
    const seenBySecond: RecordedEvent[] = [];
    const other = second.subscribe('start', async (event) => {
      seenBySecond.push(event);
    });
    subscriptions.push(other);
    await other.caughtUp;
    // The first answers the second's hello at once: from then on it knows it is not alone.
    await waitUntil(() => sent.length > 1, 'the answer to the hello');
    const before = sent.length;
    await first.append('together', [anEvent()], { expectedRevision: 'no_stream' });
    await waitUntil(() => sent.length > before, 'a NOTIFY for the commit');
    await waitUntil(
      () => seenBySecond.some((event) => event.streamId === 'together'),
      'the other process to see the commit',
    );
  });
});

/**
 * A process that writes without listening (a CLI, an API-only instance, a bench's loader) wakes
 * the listeners with its NOTIFY; a listener that heard it must not take it for another listener
 * and notify on every commit of its own for the next 30 s (the million-event bench: 4.5
 * `pg_notify` per case after its loader wrote, none without).
 */
describe('a writer that does not listen', () => {
  let db: TestDatabase;
  let writerPool: Pool;
  let listener: PostgresEventStore;
  let writer: PostgresEventStore;
  let subscription: Subscription | undefined;

  beforeAll(async () => {
    db = await createTestDatabase('es_commit_notifier_writer');
    writerPool = new Pool({ connectionString: db.url, max: 2 });
    // Dropping the test's database terminates its connections (57P01): an idle one of this pool
    // reports it as an 'error' event, which without a listener failed the suite now and then.
    writerPool.on('error', () => undefined);
  });
  afterAll(async () => {
    await subscription?.stop();
    await listener?.close();
    await writer?.close();
    await writerPool?.end();
    await db?.drop();
  });

  it('wakes the listener, which goes on sending nothing for its own commits', async () => {
    const sentByListener = recordNotifies(db.pool);
    const sentByWriter = recordNotifies(writerPool);
    listener = new PostgresEventStore(db.pool, new StoredEventNames());
    const seen: RecordedEvent[] = [];
    subscription = listener.subscribe('start', async (event) => {
      seen.push(event);
    });
    await subscription.caughtUp;
    await waitUntil(() => sentByListener.some((p) => p.startsWith('hello:')), 'the hello');

    writer = new PostgresEventStore(writerPool, new StoredEventNames());
    await writer.append('from-the-writer', [anEvent()], { expectedRevision: 'no_stream' });
    await waitUntil(() => sentByWriter.length > 0, "the writer's NOTIFY");
    expect(sentByWriter[0]).toMatch(/^writer:/);
    await waitUntil(
      () => seen.some((event) => event.streamId === 'from-the-writer'),
      'the listener to see the commit',
    );

    for (let i = 0; i < 3; i += 1) {
      await listener.append(`own-${i}`, [anEvent()], { expectedRevision: 'no_stream' });
      await pause(20);
    }
    await waitUntil(() => seen.length === 4, 'its own subscriber to see its commits');
    expect(sentByListener.filter((payload) => !payload.startsWith('hello:'))).toEqual([]);
  });
});
