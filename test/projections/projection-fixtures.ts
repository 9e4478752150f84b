import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { NewEvent, RecordedEvent } from '../../src/event-store/event-envelope';
import { EventStore } from '../../src/event-store/event-store.port';
import { Projection } from '../../src/projections/projection';

/**
 * A read model that shows double application: a counter per stream (incremented, never upserted
 * idempotently) and a log without a unique key. Applying an event twice changes both.
 */
export function countingProjection(
  options: { failOnce?: (eventIndex: number) => boolean } = {},
): Projection & {
  attempts: number;
} {
  let attempts = 0;
  const failed = new Set<number>();
  const projection = {
    name: 'test_counts',
    version: 1,
    tables: ['test_counts', 'test_log'],
    get attempts() {
      return attempts;
    },
    async handle(
      event: Parameters<Projection['handle']>[0],
      tx: Parameters<Projection['handle']>[1],
      context: { sequence: number },
    ) {
      attempts += 1;
      await tx.query(
        `INSERT INTO test_counts (stream_id, events) VALUES ($1, 1)
         ON CONFLICT (stream_id) DO UPDATE SET events = test_counts.events + 1`,
        [event.streamId],
      );
      await tx.query('INSERT INTO test_log (event_id, sequence, n) VALUES ($1, $2, $3)', [
        event.id,
        context.sequence,
        (event.data as { n: number }).n,
      ]);
      // Simulates a crash after the rows were written but before the checkpoint committed.
      const n = (event.data as { n: number }).n;
      if (options.failOnce?.(n) && !failed.has(n)) {
        failed.add(n);
        throw new Error(`simulated crash at event ${n}`);
      }
    },
  };
  return projection;
}

export async function createCountingTables(pool: Pool): Promise<void> {
  await pool.query(
    'CREATE TABLE test_counts (stream_id text PRIMARY KEY, events integer NOT NULL)',
  );
  await pool.query(
    'CREATE TABLE test_log (event_id text NOT NULL, sequence bigint NOT NULL, n integer NOT NULL)',
  );
  await pool.query('CREATE INDEX test_log_by_n ON test_log (n)');
}

export function numbered(n: number): NewEvent {
  return {
    id: randomUUID(),
    type: 'Numbered',
    data: { n },
    metadata: {
      actorId: 'user-1',
      correlationId: `corr-${n}`,
      causationId: null,
      occurredAt: '2026-01-05T03:00:00.000Z',
    },
  };
}

/** Appends events 1..count over a few streams, in small batches so the store sees many transactions. */
export async function appendNumbered(
  store: EventStore,
  from: number,
  count: number,
  streams: string[],
): Promise<void> {
  for (let n = from; n < from + count; n += 1) {
    const stream = streams[n % streams.length];
    await store.append(stream, [numbered(n)], { expectedRevision: 'any' });
  }
}

export async function waitFor(condition: () => Promise<boolean>, timeoutMs = 20000): Promise<void> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out waiting for condition');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export async function eventsHandled(pool: Pool, name: string): Promise<number> {
  const { rows } = await pool.query<{ events_handled: string }>(
    'SELECT events_handled FROM projection_checkpoints WHERE name = $1',
    [name],
  );
  return rows.length === 0 ? 0 : Number(rows[0].events_handled);
}

export async function snapshot(pool: Pool): Promise<{ counts: unknown[]; log: unknown[] }> {
  const counts = (await pool.query('SELECT stream_id, events FROM test_counts ORDER BY stream_id'))
    .rows;
  const log = (
    await pool.query('SELECT event_id, sequence, n FROM test_log ORDER BY sequence, event_id')
  ).rows;
  return { counts, log };
}

export function streamsNamed(count: number): string[] {
  return Array.from({ length: count }, () => `appointment-${randomUUID()}`);
}

/**
 * Drops the suite's database. pg-pool's end() resolves before its sockets finish closing, so the
 * DROP … WITH (FORCE) can reach a closing client whose 'error' would go unhandled: listen for it.
 */
export async function dropDatabase(db: { pool: Pool; drop(): Promise<void> }): Promise<void> {
  db.pool.on('error', () => undefined);
  await db.drop();
}

/**
 * Reads the whole store once `count` events are visible. The PostgreSQL store only reads below
 * the oldest running transaction of the whole server, so suites running in parallel (other
 * databases, same server) can briefly hide events committed a moment ago.
 */
export async function readAllVisible(store: EventStore, count: number): Promise<RecordedEvent[]> {
  let events: RecordedEvent[] = [];
  await waitFor(async () => {
    events = await store.readAll('start', { limit: count + 1 });
    return events.length >= count;
  });
  return events;
}
