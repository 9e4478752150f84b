import { RecordedEvent } from '../../src/event-store/event-envelope';
import { ReadAllFilter, Subscription } from '../../src/event-store/event-store.port';
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store';
import { SHARED_READ_LIMIT } from '../../src/event-store/postgres/shared-tail-read';
import { StoredEventNames } from '../../src/event-store/stored-event-names';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { waitUntil } from '../support/wait-until';
import { anEvent } from './event-store.contract';

const FILTERS: (ReadAllFilter | undefined)[] = [
  undefined,
  undefined,
  undefined,
  { streamPrefix: 'alpha-' },
  { eventTypes: ['Beta'] },
  { streamPrefix: ['alpha-', 'gamma-'], eventTypes: ['Alpha', 'Gamma'] },
];

const wanted = (event: RecordedEvent, filter?: ReadAllFilter): boolean =>
  !filter ||
  ((filter.streamPrefix === undefined ||
    [filter.streamPrefix].flat().some((prefix) => event.streamId.startsWith(prefix))) &&
    (filter.eventTypes === undefined || filter.eventTypes.includes(event.type)));

/**
 * Live subscriptions of one process share one read of the log's tail per commit (instead of a
 * read and a safe-head query each), and each still gets exactly the events its filter wants, in
 * log order, whatever the size of the commit.
 */
describe('PostgreSQL subscriptions share their reads of the tail', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;
  /** Reads that found something new (a look while a commit is held back finds nothing). */
  let readsWithEvents = 0;
  const readFroms: string[] = [];
  const received: RecordedEvent[][] = FILTERS.map(() => []);
  const subscriptions: Subscription[] = [];

  beforeAll(async () => {
    db = await createTestDatabase('es_shared_tail');
    store = new PostgresEventStore(db.pool, new StoredEventNames());
    const read = store.readAllSafe.bind(store);
    store.readAllSafe = async (client, from, limit, filter) => {
      readFroms.push(from);
      const events = await read(client, from, limit, filter);
      if (events.length > 0) readsWithEvents += 1;
      return events;
    };
    await store.append('alpha-0', [anEvent('Alpha')], { expectedRevision: 'no_stream' });
    for (const [index, filter] of FILTERS.entries()) {
      const subscription = store.subscribe(
        'start',
        async (event) => {
          received[index].push(event);
        },
        { filter },
      );
      subscriptions.push(subscription);
      await subscription.caughtUp;
    }
  });
  afterAll(async () => {
    for (const subscription of subscriptions) await subscription.stop();
    await store?.close();
    await db?.drop();
  });

  async function expectEveryoneHasItsEvents(): Promise<void> {
    const all = await store.readAll('start', { limit: 100_000 });
    const expected = FILTERS.map((filter) => all.filter((event) => wanted(event, filter)));
    const counts = () => received.map((events) => events.length).join();
    await waitUntil(
      () => counts() === expected.map((events) => events.length).join(),
      'every subscription to have its events',
    );
    for (const [index, events] of received.entries())
      expect(events.map((event) => event.id)).toEqual(expected[index].map((event) => event.id));
  }

  it('one commit at a time: about one read per commit for all six subscriptions', async () => {
    const COMMITS = 20;
    const readsBefore = readsWithEvents;
    for (let i = 0; i < COMMITS; i += 1) {
      const type = ['Alpha', 'Beta', 'Gamma'][i % 3];
      await store.append(`${type.toLowerCase()}-${i + 1}`, [anEvent(type)], {
        expectedRevision: 'no_stream',
      });
      const seen = received[0].length;
      await waitUntil(() => received[0].length > seen, 'the commit to be delivered');
    }
    const lastReadFrom = readFroms.at(-1);
    await expectEveryoneHasItsEvents();
    // Every subscription, those whose filter wanted none of the previous commit included, had
    // moved past it: the last commit was read from the one before, not from an older match.
    const log = await store.readAll('start', { limit: 100_000 });
    // (A look after the last commit, on the idle timer, reads from the last event itself.)
    expect([log.at(-2)!.position, log.at(-1)!.position]).toContain(lastReadFrom);
    // Each subscription reading alone: one read finding each commit per subscription, 6 × 20 =
    // 120. Shared: one per commit, two when a subscription's read started before the others'
    // wake-up. (A commit held back from the safe read by a transaction open elsewhere on the
    // server — the safe order is cluster-wide: other suites' databases count — is looked at again
    // until it shows; those looks find nothing, and their number is the server's, not ours.)
    expect(readsWithEvents - readsBefore).toBeLessThanOrEqual(COMMITS * 2);
  });

  it('a commit larger than one shared read reaches every subscription whole and in order', async () => {
    const events = Array.from({ length: SHARED_READ_LIMIT + 700 }, (_, i) =>
      anEvent(i % 2 === 0 ? 'Alpha' : 'Beta'),
    );
    await store.append('alpha-big', events, { expectedRevision: 'no_stream' });
    await expectEveryoneHasItsEvents();
  });
});
