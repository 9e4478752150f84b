import { createHash, randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store';
import { StoredEventNames } from '../../src/event-store/stored-event-names';
import { contentDigest } from '../../src/event-store/hash-chain';
import { createTestDatabase, TestDatabase } from '../support/test-database';

/**
 * `cf_append_many` of three items or more tries them all in one set-based INSERT and goes item by
 * item only when that cannot answer alone (migration 1736000000000). Called here as the adapter
 * calls it, three items or more a call, with what each way must agree on: revisions, hash chains,
 * answers, refusals and their HINT.
 */
describe('cf_append_many on PostgreSQL: every item in one INSERT, item by item when needed', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;
  beforeAll(async () => {
    db = await createTestDatabase('append_many_set');
    store = new PostgresEventStore(db.pool, new StoredEventNames());
  });
  afterAll(async () => {
    await store.close();
    await db.drop();
  });

  let counter = 0;
  /** An event as the adapter sends it, its digest the store's own (verifyStream checks it). */
  const eventFor = (streamId: string) => {
    counter += 1;
    const content = {
      streamId,
      id: randomUUID() as string,
      type: 'SomethingHappened',
      schemaVersion: 1,
      data: { n: counter },
      metadata: {
        actorId: 'user-1',
        correlationId: 'corr-1',
        causationId: null,
        occurredAt: '2026-12-04T18:00:00.000Z',
      },
    };
    const { streamId: _, ...stored } = content;
    return { ...stored, contentHash: contentDigest(content).toString('hex') };
  };
  type Item = { stream: string; expected: number; batch: ReturnType<typeof eventFor>[] };
  const appendMany = (pool: Pool, items: Item[]) =>
    pool.query<{ next_revision: string; last_position: string }>(
      'SELECT next_revision, last_position FROM cf_append_many($1)',
      [JSON.stringify(items)],
    );
  const stream = () => `set-${randomUUID()}`;
  const eventsOf = (streamId: string) =>
    db.pool.query<{ revision: string; hash: Buffer; content_hash: Buffer; event_id: string }>(
      'SELECT revision, hash, content_hash, event_id FROM events WHERE stream_id = $1 ORDER BY revision',
      [streamId],
    );
  async function twoEventStream(): Promise<string> {
    const streamId = stream();
    await appendMany(db.pool, [
      { stream: streamId, expected: -1, batch: [eventFor(streamId), eventFor(streamId)] },
    ]);
    return streamId;
  }

  it('appends several events to each of several streams: revisions on from each head, one chain per stream, answers in order', async () => {
    const [a, b] = [await twoEventStream(), await twoEventStream()];
    const fresh = stream();
    const { rows } = await appendMany(db.pool, [
      { stream: b, expected: 1, batch: [eventFor(b), eventFor(b), eventFor(b)] },
      { stream: fresh, expected: -2, batch: [eventFor(fresh)] },
      { stream: a, expected: -3, batch: [eventFor(a)] },
    ]);
    expect(rows.map((row) => Number(row.next_revision))).toEqual([4, 0, 2]);
    for (const [streamId, count] of [[b, 5] as const, [fresh, 1] as const, [a, 3] as const]) {
      const stored = (await eventsOf(streamId)).rows;
      expect(stored.map((row) => Number(row.revision))).toEqual([...Array(count).keys()]);
      let previous: Buffer = Buffer.alloc(0);
      for (const row of stored) {
        const expected = createHash('sha256').update(previous).update(row.content_hash).digest();
        expect(row.hash.equals(expected)).toBe(true);
        previous = row.hash;
      }
      expect(await store.verifyStream(streamId)).toEqual({ ok: true, eventsChecked: count });
    }
    const last = await db.pool.query<{ position: string }>(
      "SELECT transaction_id::text || '/' || global_position::text AS position FROM events WHERE stream_id = $1 AND revision = 4",
      [b],
    );
    expect(rows[0].last_position).toBe(last.rows[0].position);
  });

  it('refuses the whole call when one item is not where it expects, naming that item; writes nothing', async () => {
    const [a, b, c] = [await twoEventStream(), await twoEventStream(), await twoEventStream()];
    const error = await appendMany(db.pool, [
      { stream: a, expected: 1, batch: [eventFor(a)] },
      { stream: b, expected: 0, batch: [eventFor(b)] },
      { stream: c, expected: 1, batch: [eventFor(c)] },
    ]).catch((e: { code: string; detail: string; hint: string }) => e);
    expect(error).toMatchObject({ code: 'CF001', detail: '1', hint: 'cf_append_many item 1' });
    for (const streamId of [a, b, c]) expect((await eventsOf(streamId)).rowCount).toBe(2);
  });

  it('answers a repeat of stored batches as the first time, at an exact revision or at any, storing nothing twice', async () => {
    const [a, b] = [await twoEventStream(), await twoEventStream()];
    const fresh = stream();
    const items = [
      { stream: a, expected: 1, batch: [eventFor(a), eventFor(a)] },
      { stream: b, expected: -2, batch: [eventFor(b)] },
      { stream: fresh, expected: -2, batch: [eventFor(fresh)] },
    ];
    const first = (await appendMany(db.pool, items)).rows;
    // At `any` the heads meet the items, so the one INSERT runs and meets the stored ids.
    const again = (await appendMany(db.pool, items)).rows;
    expect(again).toEqual(first);
    expect((await eventsOf(a)).rowCount).toBe(4);
    expect((await eventsOf(b)).rowCount).toBe(3);
    expect((await eventsOf(fresh)).rowCount).toBe(1);
  });

  it('refuses an id stored in another stream, naming the item; writes nothing', async () => {
    const [a, b] = [await twoEventStream(), await twoEventStream()];
    const taken = (await eventsOf(a)).rows[0].event_id;
    const reused = { ...eventFor(b), id: taken };
    const fresh = stream();
    const error = await appendMany(db.pool, [
      { stream: a, expected: 1, batch: [eventFor(a)] },
      { stream: b, expected: -2, batch: [reused] },
      { stream: fresh, expected: -1, batch: [eventFor(fresh)] },
    ]).catch((e: { code: string; hint: string }) => e);
    expect(error).toMatchObject({ code: 'CF002', hint: 'cf_append_many item 1' });
    expect((await eventsOf(a)).rowCount).toBe(2);
    expect((await eventsOf(b)).rowCount).toBe(2);
    expect((await eventsOf(fresh)).rowCount).toBe(0);
  });

  it('answers an item with no events as item by item did (its head, no position) and appends the others', async () => {
    const [a, b] = [await twoEventStream(), await twoEventStream()];
    const fresh = stream();
    const { rows } = await appendMany(db.pool, [
      { stream: a, expected: 1, batch: [] },
      { stream: b, expected: 1, batch: [eventFor(b)] },
      { stream: fresh, expected: -1, batch: [eventFor(fresh)] },
    ]);
    expect(rows.map((row) => [Number(row.next_revision), row.last_position === null])).toEqual([
      [1, true],
      [2, false],
      [0, false],
    ]);
    expect((await eventsOf(a)).rowCount).toBe(2);
    expect((await eventsOf(b)).rowCount).toBe(3);
  });

  it('lets exactly one of two calls racing for the same head land; the other is told where the stream is', async () => {
    const shared = await twoEventStream();
    const own = [stream(), stream()];
    const outcomes = await Promise.allSettled(
      own.map((streamId) =>
        appendMany(db.pool, [
          { stream: shared, expected: 1, batch: [eventFor(shared)] },
          { stream: streamId, expected: -2, batch: [eventFor(streamId)] },
          { stream: `${streamId}-2`, expected: -1, batch: [eventFor(`${streamId}-2`)] },
        ]),
      ),
    );
    const refused = outcomes.filter((o) => o.status === 'rejected') as PromiseRejectedResult[];
    expect(refused).toHaveLength(1);
    expect(refused[0].reason).toMatchObject({ code: 'CF001', detail: '2' });
    expect((await eventsOf(shared)).rowCount).toBe(3);
    const written = await Promise.all(
      own.map(async (streamId) => (await eventsOf(streamId)).rowCount),
    );
    expect(written.sort()).toEqual([0, 1]);
  });
});
