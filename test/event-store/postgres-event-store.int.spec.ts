import { randomUUID } from 'node:crypto';
import { AllFrom, EventStore } from '../../src/event-store/event-store.port';
import {
  PostgresEventStore,
  PostgresEventStoreOptions,
} from '../../src/event-store/postgres/postgres-event-store';
import { StoredEventNames } from '../../src/event-store/stored-event-names';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { anEvent, appendManyContract, eventStoreContract } from './event-store.contract';
import { appendStreamByStream } from '../../src/event-store/kurrentdb/kurrentdb-append-many';
import { contentDigest } from '../../src/event-store/hash-chain';
import { batchJsonb } from '../../src/event-store/postgres/prepared-event-json';
import { prepareEvents } from '../../src/event-store/postgres/prepared-events';
import { EventIdConflict, WrongExpectedRevision } from '../../src/event-store/event-store.errors';
import { comparePositions } from '../../src/event-store/postgres/postgres-position';

/** A store on a database of its own, closed and dropped once `work` is done. */
async function withStore(
  suite: string,
  options: PostgresEventStoreOptions,
  work: (store: PostgresEventStore, db: TestDatabase) => Promise<void>,
): Promise<void> {
  const db = await createTestDatabase(suite);
  const store = new PostgresEventStore(db.pool, new StoredEventNames(), options);
  try {
    await work(store, db);
  } finally {
    await store.close();
    await db.drop();
  }
}

describe('stream-by-stream appendMany (as the KurrentDB adapter falls back to), on PostgreSQL', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;
  beforeAll(async () => {
    db = await createTestDatabase('es_by_stream');
    store = new PostgresEventStore(db.pool, new StoredEventNames());
  });
  afterAll(async () => {
    await store.close();
    await db.drop();
  });
  appendManyContract(
    () => ({
      ...bound(store),
      appendMany: (appends, options) => appendStreamByStream(store, appends, options),
      appendManyIsAtomic: false,
    }),
    () => false,
  );
});

/** The store's methods as an object of its own (to replace one of them). */
function bound(store: PostgresEventStore): EventStore {
  return {
    append: store.append.bind(store),
    appendMany: store.appendMany.bind(store),
    readStream: store.readStream.bind(store),
    readStreams: store.readStreams.bind(store),
    streamHeads: store.streamHeads.bind(store),
    readAll: store.readAll.bind(store),
    subscribe: store.subscribe.bind(store),
    readAllStored: store.readAllStored.bind(store),
    readStreamStored: store.readStreamStored.bind(store),
    verifyStream: store.verifyStream.bind(store),
    streamRevision: store.streamRevision.bind(store),
    ping: store.ping.bind(store),
    close: store.close.bind(store),
    appendManyIsAtomic: store.appendManyIsAtomic,
  };
}

describe('PostgreSQL event store (contract)', () => {
  eventStoreContract(async () => {
    const db = await createTestDatabase('es_contract');
    const upcasters = new StoredEventNames();
    const store = new PostgresEventStore(db.pool, upcasters);
    return {
      store,
      upcasters,
      async tamper(streamId, revision) {
        await db.pool.query(
          `UPDATE events SET data = jsonb_set(data, '{tampered}', 'true') WHERE stream_id = $1 AND revision = $2`,
          [streamId, revision],
        );
      },
      async slowAppend(streamId, events, expected, holdMs) {
        const client = await db.pool.connect();
        try {
          await client.query('BEGIN');
          // The rows as the store itself would write them (stored names, content digests).
          const [batch] = prepareEvents(new StoredEventNames(), [{ streamId, events }]);
          const code =
            expected === 'no_stream'
              ? -1
              : expected === 'any'
                ? -2
                : expected === 'stream_exists'
                  ? -3
                  : expected;
          await client.query('SELECT * FROM cf_append($1, $2, $3)', [
            streamId,
            code,
            batchJsonb(batch),
          ]);
          await client.query('SELECT pg_sleep($1)', [holdMs / 1000]);
          await client.query('COMMIT');
        } finally {
          client.release();
        }
      },
      async close() {
        await store.close();
        await db.drop();
      },
    };
  });

  it('reads in numeric transaction order where the ids gain a digit (9, 10, 11, 100), page by page', () =>
    withStore('es_txorder', {}, async (store, db) => {
      const written: string[] = [];
      for (let n = 0; n < 4; n += 1) {
        const id = randomUUID();
        written.push(id);
        await store.append(
          `txorder-${n}`,
          [
            {
              id,
              type: 'Noted',
              data: { n },
              metadata: {
                actorId: 'u',
                correlationId: 'c',
                causationId: null,
                occurredAt: new Date().toISOString(),
              },
            },
          ],
          { expectedRevision: 'no_stream' },
        );
      }
      // Transaction ids as a long-lived cluster has them; as text they would sort 10, 100, 11, 9.
      for (const [n, tx] of [
        [0, 9],
        [1, 10],
        [2, 11],
        [3, 100],
      ]) {
        await db.pool.query(
          'UPDATE events SET transaction_id = $2::text::xid8 WHERE stream_id = $1',
          [`txorder-${n}`, String(tx)],
        );
      }
      const read: string[] = [];
      let from: AllFrom = 'start';
      for (;;) {
        const page = await store.readAll(from, { limit: 2 });
        read.push(...page.map((event) => event.id));
        if (page.length < 2) break;
        from = page[page.length - 1].position;
      }
      expect(read).toEqual(written);
    }));

  it('appends to new streams arriving together share one commit, and each caller still gets its own answer', () =>
    // One statement at a time: everything that arrives while it runs goes out together.
    withStore('es_coalesce', { appendStatements: 1 }, async (store, db) => {
      await store.append('taken', [anEvent('Opened')], { expectedRevision: 'no_stream' });
      const retried = [anEvent('Opened'), anEvent('Noted')];
      const first = await store.append('retried', retried, { expectedRevision: 'no_stream' });
      const elsewhere = anEvent('Opened');
      await store.append('holder', [elsewhere], { expectedRevision: 'no_stream' });

      // Submitted in one turn while no statement runs: they go out as one statement, one commit.
      const fresh = Array.from({ length: 12 }, (_, n) => `fresh-${n}`);
      const freshResults = await Promise.all(
        fresh.map((stream) =>
          store.append(stream, [anEvent('Opened'), anEvent('Noted')], {
            expectedRevision: 'no_stream',
          }),
        ),
      );
      expect(freshResults.map((r) => r.nextRevision)).toEqual(fresh.map(() => 1));
      for (const stream of fresh) {
        expect(await store.verifyStream(stream)).toEqual({ ok: true, eventsChecked: 2 });
      }
      const { rows } = await db.pool.query<{ events: number; transactions: number }>(
        `SELECT count(*)::int AS events, count(DISTINCT transaction_id)::int AS transactions FROM events WHERE stream_id LIKE 'fresh-%'`,
      );
      expect(rows[0]).toEqual({ events: 24, transactions: 1 });

      // A shared statement holding appends that must fail: the others still succeed.
      const outcomes = await Promise.allSettled([
        store.append('later-1', [anEvent('Opened')], { expectedRevision: 'no_stream' }),
        store.append('taken', [anEvent('Opened')], { expectedRevision: 'no_stream' }),
        store.append('retried', retried, { expectedRevision: 'no_stream' }),
        store.append('reuser', [elsewhere], { expectedRevision: 'no_stream' }),
        store.append('later-2', [anEvent('Opened')], { expectedRevision: 'no_stream' }),
      ]);
      const [later1, taken, retry, reuse, later2] = outcomes;
      expect([later1.status, later2.status]).toEqual(['fulfilled', 'fulfilled']);
      expect(taken.status === 'rejected' && taken.reason).toEqual(
        expect.any(WrongExpectedRevision),
      );
      expect(taken.status === 'rejected' && (taken.reason as WrongExpectedRevision).actual).toBe(0);
      expect(retry).toEqual({ status: 'fulfilled', value: first });
      expect(reuse.status === 'rejected' && reuse.reason).toEqual(expect.any(EventIdConflict));
      expect(await store.verifyStream('later-1')).toEqual({ ok: true, eventsChecked: 1 });
      // Each refusal named its stream, so the good appends went out together again, not alone.
      const later = await db.pool.query<{ transactions: number }>(
        `SELECT count(DISTINCT transaction_id)::int AS transactions FROM events WHERE stream_id LIKE 'later-%'`,
      );
      expect(later.rows[0].transactions).toBe(1);
      expect(await store.readStream('retried')).toHaveLength(2);
      expect(await store.streamRevision('taken')).toBe(0);
      expect(await store.streamRevision('reuser')).toBeNull();
    }));

  it('appends to existing streams arriving together share one commit, with every revision check kept', () =>
    withStore('es_coalesce_existing', { appendStatements: 1 }, async (store, db) => {
      const cases = Array.from({ length: 10 }, (_, n) => `case-${n}`);
      for (const stream of cases)
        await store.append(stream, [anEvent('Opened')], { expectedRevision: 'no_stream' });

      // Exact revisions, `any` and `stream_exists`, all submitted in one turn: one statement.
      const results = await Promise.all(
        cases.map((stream, n) =>
          store.append(stream, [anEvent('Nominated'), anEvent('Vetted')], {
            expectedRevision: n % 3 === 0 ? 0 : n % 3 === 1 ? 'any' : 'stream_exists',
          }),
        ),
      );
      expect(results.map((r) => r.nextRevision)).toEqual(cases.map(() => 2));
      const { rows } = await db.pool.query<{ transactions: number }>(
        `SELECT count(DISTINCT transaction_id)::int AS transactions FROM events WHERE stream_id LIKE 'case-%' AND revision > 0`,
      );
      expect(rows[0].transactions).toBe(1);
      for (const stream of cases)
        expect(await store.verifyStream(stream)).toEqual({ ok: true, eventsChecked: 3 });

      // One stale revision among them: only its caller is refused, with the current revision.
      const outcomes = await Promise.allSettled(
        cases.map((stream, n) =>
          store.append(stream, [anEvent('Voted')], { expectedRevision: n === 4 ? 1 : 2 }),
        ),
      );
      expect(outcomes.map((o) => o.status)).toEqual(
        cases.map((_, n) => (n === 4 ? 'rejected' : 'fulfilled')),
      );
      const refused = outcomes[4] as PromiseRejectedResult;
      expect(refused.reason).toEqual(expect.any(WrongExpectedRevision));
      expect((refused.reason as WrongExpectedRevision).actual).toBe(2);
      expect(await store.streamRevision('case-4')).toBe(2);
      expect(await store.streamRevision('case-5')).toBe(3);
      // `cf_append_many` named the refused item: the nine others shared one statement again.
      const voted = await db.pool.query<{ streams: number; transactions: number }>(
        `SELECT count(*)::int AS streams, count(DISTINCT transaction_id)::int AS transactions
           FROM events WHERE stream_id LIKE 'case-%' AND revision = 3`,
      );
      expect(voted.rows[0]).toEqual({ streams: 9, transactions: 1 });
    }));

  it('multi-stream appends arriving together share one commit, each all or nothing, and a refused one goes alone', () =>
    withStore('es_coalesce_many', { appendStatements: 1 }, async (store, db) => {
      const callers = [0, 1, 2, 3, 4, 5];
      for (const n of callers)
        await store.append(`case-${n}`, [anEvent('Opened')], { expectedRevision: 'no_stream' });
      // Each caller: a step on its case and a new timer stream, as a step with its deadline writes.
      const step = (n: number, expectedRevision: number, timer = `timer-${n}`) =>
        store.appendMany([
          { streamId: `case-${n}`, events: [anEvent('Voted')], expectedRevision },
          { streamId: timer, events: [anEvent('Scheduled')], expectedRevision: 'no_stream' },
        ]);
      const outcomes = await Promise.allSettled(callers.map((n) => step(n, n === 3 ? 5 : 0)));
      expect(outcomes.map((o) => o.status)).toEqual(
        callers.map((n) => (n === 3 ? 'rejected' : 'fulfilled')),
      );
      const refused = (outcomes[3] as PromiseRejectedResult).reason as WrongExpectedRevision;
      expect(refused).toEqual(expect.any(WrongExpectedRevision));
      expect([refused.streamId, refused.actual]).toEqual(['case-3', 0]);
      expect(await store.streamRevision('timer-3')).toBeNull();
      // The refused item was named: the five others went out together again, in one transaction.
      const shared = await db.pool.query<{ events: number; transactions: number }>(
        `SELECT count(*)::int AS events, count(DISTINCT transaction_id)::int AS transactions
           FROM events WHERE (stream_id LIKE 'case-%' AND revision = 1) OR stream_id LIKE 'timer-%'`,
      );
      expect(shared.rows[0]).toEqual({ events: 10, transactions: 1 });

      // A new stream that exists already refuses only its own caller, and nothing of it is written.
      const again = await Promise.allSettled([
        step(0, 1, 'timer-1'),
        step(2, 1, 'timer-2-next'),
        step(4, 1, 'timer-4-next'),
      ]);
      expect(again.map((o) => o.status)).toEqual(['rejected', 'fulfilled', 'fulfilled']);
      expect((again[0] as PromiseRejectedResult).reason).toEqual(
        expect.objectContaining({ streamId: 'timer-1' }),
      );
      expect(await store.streamRevision('case-0')).toBe(1);
      for (const stream of ['case-0', 'case-2', 'timer-2-next', 'case-4'])
        expect(await store.verifyStream(stream)).toEqual(expect.objectContaining({ ok: true }));
    }));

  it('a shared statement whose connection is killed mid-way loses no append and writes none twice', () =>
    withStore('es_coalesce_kill', { appendStatements: 1 }, async (store, db) => {
      const holder = await db.pool.connect();
      try {
        // Another transaction has claimed stream "blocker" but not committed: the shared INSERT that
        // includes "blocker" waits on the unique index, and we kill its backend while it waits.
        await holder.query('BEGIN');
        await holder.query(
          `INSERT INTO events (stream_id, revision, event_id, type, schema_version, data, metadata, content_hash, hash)
           VALUES ('blocker', 0, 'held-event', 'Held', 1, '{}', '{}', '\\x00', '\\x00')`,
        );
        const streams = ['alpha', 'blocker', 'gamma', 'delta'];
        const events = new Map(
          streams.map((stream) => [stream, [anEvent('Opened'), anEvent('Noted')]]),
        );
        const appends = streams.map((stream) =>
          store.append(stream, events.get(stream)!, { expectedRevision: 'no_stream' }),
        );

        let killed = false;
        for (let attempt = 0; attempt < 200 && !killed; attempt += 1) {
          const { rows } = await db.pool.query<{ pid: number }>(
            `SELECT pid FROM pg_stat_activity
              WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE 'INSERT INTO events%'`,
          );
          if (rows.length > 0) {
            await db.pool.query('SELECT pg_terminate_backend($1)', [rows[0].pid]);
            killed = true;
          } else {
            await new Promise((resolve) => setTimeout(resolve, 10));
          }
        }
        expect(killed).toBe(true);

        // The killed statement wrote nothing; its appends were sent again one by one. Those not
        // waiting on the held stream are stored; "blocker" waits until the holder gives up.
        await holder.query('ROLLBACK');
        const outcomes = await Promise.allSettled(appends);
        expect(outcomes.map((o) => o.status)).toEqual([
          'fulfilled',
          'fulfilled',
          'fulfilled',
          'fulfilled',
        ]);
        for (const stream of streams) {
          const stored = await store.readStream(stream);
          expect(stored.map((e) => e.id)).toEqual(events.get(stream)!.map((e) => e.id));
          expect(await store.verifyStream(stream)).toEqual({ ok: true, eventsChecked: 2 });
        }
      } finally {
        holder.release();
      }
    }));

  it('a filtered subscription moves past events it does not want, yet never past an older transaction still open', () =>
    withStore('es_filtered_head', {}, async (store, db) => {
      const asked: AllFrom[] = [];
      const read = store.readAllSafe.bind(store);
      store.readAllSafe = (client, from, limit, filter) => {
        asked.push(from);
        return read(client, from, limit, filter);
      };
      const received: string[] = [];
      const subscription = store.subscribe(
        'start',
        async (event) => {
          received.push(event.streamId);
        },
        { filter: { streamPrefix: 'wanted-' } },
      );
      await subscription.caughtUp;

      // A transaction writes a wanted event and stays open while others write unwanted ones.
      const holder = await db.pool.connect();
      try {
        await holder.query('BEGIN');
        await holder.query(`SELECT * FROM cf_append('wanted-late', -1, $1)`, [
          JSON.stringify([heldEvent()]),
        ]);
        for (let i = 0; i < 5; i += 1)
          await store.append(`other-${i}`, [anEvent('Unwanted')], {
            expectedRevision: 'no_stream',
          });
        await waitUntil(() => asked.length >= 3);
        await holder.query('COMMIT');
      } finally {
        holder.release();
      }
      await waitUntil(() => received.length === 1);
      for (let i = 5; i < 10; i += 1)
        await store.append(`other-${i}`, [anEvent('Unwanted')], { expectedRevision: 'no_stream' });
      const { rows } = await db.pool.query<{ position: string }>(
        `SELECT transaction_id::text || '/' || global_position::text AS position FROM events
          WHERE stream_id = 'other-9'`,
      );
      // Once the open transaction ended, reads start from the head it had seen, not from the
      // last wanted event: the unwanted events are not scanned again on every wake-up. (How
      // soon depends on other transactions of the cluster, which hold the settled log back.)
      const readsFromHead = () => {
        const last = asked[asked.length - 1];
        return last !== 'start' && comparePositions(last, rows[0].position) >= 0;
      };
      await waitUntil(readsFromHead);
      await subscription.stop();

      expect(received).toEqual(['wanted-late']);
    }));
});

function heldEvent() {
  const event = anEvent('Wanted');
  const fields = {
    id: event.id,
    type: event.type,
    schemaVersion: 1,
    data: event.data,
    metadata: event.metadata,
  };
  return {
    ...fields,
    contentHash: contentDigest({ streamId: 'wanted-late', ...fields }).toString('hex'),
  };
}

async function waitUntil(condition: () => boolean, timeoutMs = 15000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
