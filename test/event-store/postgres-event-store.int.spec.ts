import { randomUUID } from 'node:crypto';
import { AllFrom } from '../../src/event-store/event-store.port';
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store';
import { UpcasterRegistry } from '../../src/event-store/upcasters';
import { createTestDatabase } from '../support/test-database';
import { eventStoreContract } from './event-store.contract';
import { contentDigest } from '../../src/event-store/hash-chain';

describe('PostgreSQL event store (contract)', () => {
  eventStoreContract(async () => {
    const db = await createTestDatabase('es_contract');
    const upcasters = new UpcasterRegistry();
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
          const batch = events.map((event) => ({
            id: event.id,
            type: event.type,
            schemaVersion: event.schemaVersion ?? 1,
            data: event.data,
            metadata: event.metadata,
            contentHash: contentDigest({
              streamId,
              id: event.id,
              type: event.type,
              schemaVersion: event.schemaVersion ?? 1,
              data: event.data,
              metadata: event.metadata,
            }).toString('hex'),
          }));
          const code = expected === 'no_stream' ? -1 : expected === 'any' ? -2 : expected === 'stream_exists' ? -3 : expected;
          await client.query('SELECT * FROM cf_append($1, $2, $3)', [streamId, code, JSON.stringify(batch)]);
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

  it('reads in numeric transaction order where the ids gain a digit (9, 10, 11, 100), page by page', async () => {
    const db = await createTestDatabase('es_txorder');
    const store = new PostgresEventStore(db.pool, new UpcasterRegistry());
    try {
      const written: string[] = [];
      for (let n = 0; n < 4; n += 1) {
        const id = randomUUID();
        written.push(id);
        await store.append(`txorder-${n}`, [{ id, type: 'Noted', data: { n }, metadata: { actorId: 'u', correlationId: 'c', causationId: null, occurredAt: new Date().toISOString() } }], { expectedRevision: 'no_stream' });
      }
      // Transaction ids as a long-lived cluster has them; as text they would sort 10, 100, 11, 9.
      for (const [n, tx] of [[0, 9], [1, 10], [2, 11], [3, 100]]) {
        await db.pool.query('UPDATE events SET transaction_id = $2::text::xid8 WHERE stream_id = $1', [`txorder-${n}`, String(tx)]);
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
    } finally {
      await store.close();
      await db.drop();
    }
  });
});
