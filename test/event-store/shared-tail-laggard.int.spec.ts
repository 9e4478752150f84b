import { RecordedEvent } from '../../src/event-store/event-envelope';
import { Subscription } from '../../src/event-store/event-store.port';
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store';
import { StoredEventNames } from '../../src/event-store/stored-event-names';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { waitUntil } from '../support/wait-until';
import { anEvent } from './event-store.contract';

const KEPT = 500;
const COMMIT_SIZE = 700;

/**
 * A live subscription held up far behind the others (a slow projection during a bulk write) reads
 * the log on its own while the others go on at the head: each still gets every event it wants,
 * once and in log order, before, while and after the laggard catches up.
 */
describe('PostgreSQL subscriptions: one far behind the others', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;
  const subscriptions: Subscription[] = [];
  const atHead: RecordedEvent[] = [];
  const alphasAtHead: RecordedEvent[] = [];
  const laggard: RecordedEvent[] = [];
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  let commits = 0;

  async function commit(): Promise<void> {
    commits += 1;
    const kind = commits % 2 === 0 ? 'alpha' : 'beta';
    const events = Array.from({ length: COMMIT_SIZE }, () => anEvent(kind === 'alpha' ? 'A' : 'B'));
    await store.append(`${kind}-${commits}`, events, { expectedRevision: 'no_stream' });
  }

  beforeAll(async () => {
    db = await createTestDatabase('es_tail_laggard');
    store = new PostgresEventStore(db.pool, new StoredEventNames(), { recentEventsKept: KEPT });
    await store.append('alpha-0', [anEvent('A')], { expectedRevision: 'no_stream' });
    const start = async (
      into: RecordedEvent[],
      options: { prefix?: string; holdUp?: boolean } = {},
    ): Promise<void> => {
      const subscription = store.subscribe(
        'start',
        async (event) => {
          if (options.holdUp && into.length > 0) await held;
          into.push(event);
        },
        { filter: options.prefix ? { streamPrefix: options.prefix } : undefined },
      );
      subscriptions.push(subscription);
      await subscription.caughtUp;
    };
    await start(atHead);
    await start(alphasAtHead, { prefix: 'alpha-' });
    await start(laggard, { holdUp: true });
  });
  afterAll(async () => {
    release();
    for (const subscription of subscriptions) await subscription.stop();
    await store?.close();
    await db?.drop();
  });

  async function expectAllDelivered(): Promise<void> {
    const log = await store.readAll('start', { limit: 100_000 });
    const alphas = log.filter((event) => event.streamId.startsWith('alpha-'));
    await waitUntil(
      () =>
        atHead.length === log.length &&
        alphasAtHead.length === alphas.length &&
        laggard.length === log.length,
      'every subscription to have its events',
    );
    const ids = (events: RecordedEvent[]) => events.map((event) => event.id);
    expect(ids(atHead)).toEqual(ids(log));
    expect(ids(alphasAtHead)).toEqual(ids(alphas));
    expect(ids(laggard)).toEqual(ids(log));
  }

  it('delivers everything to the laggard and to those at the head, in order, once', async () => {
    for (let i = 0; i < 4; i += 1) await commit();
    const total = 1 + 4 * COMMIT_SIZE;
    await waitUntil(() => atHead.length === total, 'the head to have the four commits');
    // Held at its second event: more than what is kept behind the head.
    expect(laggard).toHaveLength(1);
    expect(total - laggard.length).toBeGreaterThan(KEPT);

    release();
    // The head goes on while the laggard catches up.
    for (let i = 0; i < 3; i += 1) await commit();
    await expectAllDelivered();
  });
});
