import { randomUUID } from 'node:crypto';
import { NewEvent } from '../../src/event-store/event-envelope';
import { ReadAllFilter } from '../../src/event-store/event-store.port';
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store';
import { countMatchingEventsAfter } from '../../src/observability/metrics-collector';
import { streamIdsOrderBytewise } from '../../src/database/stream-prefix-ranges';
import { StoredEventNames } from '../../src/event-store/stored-event-names';
import { createTestDatabase, TestDatabase } from '../support/test-database';

const event = (type: string): NewEvent => ({
  id: randomUUID(),
  type,
  data: {},
  metadata: {
    actorId: 'u-test',
    correlationId: randomUUID(),
    causationId: null,
    occurredAt: '2026-12-05T03:00:00.000Z',
  },
});

/** Streams whose ids a prefix must tell apart: LIKE's wildcards, a longer word, a letter beyond ASCII. */
const STREAMS = [
  'discipline-1',
  'discipline-2',
  'disciplinex-1',
  'discipline',
  'appointment-7',
  'a%b-1',
  'azb-1',
  'a_b-1',
  'axb-1',
  'đ-1',
  'e-1',
];

const FILTERS: ReadAllFilter[] = [
  { streamPrefix: 'discipline-' },
  { streamPrefix: ['appointment-', 'discipline-'] },
  { streamPrefix: 'a%b-' },
  { streamPrefix: 'a_b-' },
  { streamPrefix: 'đ-' },
  { streamPrefix: 'discipline-', eventTypes: ['Kept'] },
];

/**
 * Reads filtered by stream prefix (a saga's subscription) and `/metrics`' saga lag: exactly the
 * events whose stream id starts with a prefix, whether the prefixes also go as stream-index ranges.
 */
describe('stream prefix filters (PostgreSQL)', () => {
  const names = new StoredEventNames();
  let db: TestDatabase;
  let store: PostgresEventStore;

  beforeEach(async () => {
    db = await createTestDatabase('saga_lag_count');
    store = new PostgresEventStore(db.pool, names);
  });
  afterEach(async () => {
    await store.close();
    await db.drop();
  });

  /**
   * The store's log shows an event once every transaction begun before it has ended, on the whole
   * server: a suite holding one open elsewhere (a lock held to slow /metrics) delays it. Waits
   * until `count` events stand after `from`, so every read below sees the same events.
   */
  async function readAllOnce(from: 'start' | string, count: number) {
    for (let attempt = 0; ; attempt++) {
      const events = await store.readAll(from);
      if (events.length >= count || attempt >= 300) return events;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Two rounds of events on every stream; the checkpoint stands after the first round. */
  async function writeAroundCheckpoint(): Promise<string> {
    for (const streamId of STREAMS)
      await store.append(streamId, [event('Kept')], { expectedRevision: 'no_stream' });
    const [checkpoint] = (await readAllOnce('start', STREAMS.length)).slice(-1);
    for (const streamId of STREAMS)
      await store.append(streamId, [event('Kept'), event('Other')], { expectedRevision: 0 });
    await readAllOnce(checkpoint.position, 2 * STREAMS.length);
    return checkpoint.position;
  }

  /** What a subscriber with the filter must be delivered after the checkpoint, told apart here. */
  async function matching(checkpoint: string, filter: ReadAllFilter): Promise<string[]> {
    const prefixes = [filter.streamPrefix ?? []].flat();
    return (await store.readAll(checkpoint))
      .filter((event) => prefixes.some((prefix) => event.streamId.startsWith(prefix)))
      .filter((event) => !filter.eventTypes || filter.eventTypes.includes(event.type))
      .map((event) => event.id);
  }

  async function delivered(checkpoint: string, filter: ReadAllFilter): Promise<number> {
    const ids = (await store.readAll(checkpoint, { filter })).map((event) => event.id);
    expect([filter, ids]).toEqual([filter, await matching(checkpoint, filter)]);
    return ids.length;
  }

  /** Each filter's lag count is what its subscriber is delivered, and that is told apart by hand. */
  async function expectEveryFilterExact(checkpoint: string): Promise<void> {
    for (const filter of FILTERS)
      expect([
        filter,
        await countMatchingEventsAfter(db.pool, checkpoint, filter, 1000, names),
      ]).toEqual([filter, await delivered(checkpoint, filter)]);
  }

  it('deliver and count exactly the events of the streams a prefix names, taken literally', async () => {
    const checkpoint = await writeAroundCheckpoint();
    expect(await streamIdsOrderBytewise(db.pool)).toBe(true);
    await expectEveryFilterExact(checkpoint);
    expect(await countMatchingEventsAfter(db.pool, checkpoint, FILTERS[0], 1000, names)).toBe(4);
    expect(await countMatchingEventsAfter(db.pool, checkpoint, FILTERS[2], 1000, names)).toBe(2);
  });

  it('under a linguistic collation go without stream ranges, and still exactly', async () => {
    await db.pool.query('ALTER TABLE events ALTER COLUMN stream_id TYPE text COLLATE "und-x-icu"');
    const checkpoint = await writeAroundCheckpoint();
    expect(await streamIdsOrderBytewise(db.pool)).toBe(false);
    await expectEveryFilterExact(checkpoint);
  });
});
