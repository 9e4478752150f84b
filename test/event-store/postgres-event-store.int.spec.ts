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

});
