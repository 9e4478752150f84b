/**
 * People with long records for the lifecycle bench: after a person is registered through the API,
 * their record (`cadre-<id>`) is filled up to about RECORD_EVENTS events with the notes of past
 * cases (`CaseNoted` open, then closed: a real person-record event, as a record grows with every
 * case about the person; `bench/person-fold` uses the same), appended straight to the store in
 * chunks at the record's revision. What the case then costs shows whether a person with 2,000
 * events costs what a person with 20 does.
 */
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { NewEvent } from '../../src/event-store/event-envelope';
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store';

export const RECORD_EVENTS = Number(process.env.BENCH_LONG_RECORD_EVENTS ?? 2000);
const CHUNK = 500;

function pastCaseNote(personId: string, n: number): NewEvent {
  const open = n % 2 === 0;
  const on = new Date(Date.UTC(2000, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
  return {
    id: randomUUID(),
    type: 'CaseNoted',
    data: {
      personId,
      caseId: `c-past-${personId}-${Math.floor(n / 2)}`,
      procedure: 'appointment',
      status: open ? 'open' : 'closed',
      stage: null,
      on,
    },
    metadata: {
      actorId: 'u-bench',
      roles: ['organization_staff'],
      correlationId: randomUUID(),
      causationId: null,
      occurredAt: new Date().toISOString(),
    },
  };
}

/** Fills each person's record up to RECORD_EVENTS events (an even number of notes). */
export async function lengthenRecords(pool: Pool, personIds: string[]): Promise<number> {
  const store = new PostgresEventStore(pool);
  let appended = 0;
  try {
    for (const personId of personIds) {
      const streamId = `cadre-${personId}`;
      const { rows } = await pool.query<{ head: number | null }>(
        'SELECT max(revision)::int AS head FROM events WHERE stream_id = $1',
        [streamId],
      );
      let revision = rows[0].head;
      if (revision === null) throw new Error(`${streamId} is not registered`);
      const notes = Math.max(0, RECORD_EVENTS - revision - 1) & ~1;
      for (let at = 0; at < notes; at += CHUNK) {
        const chunk = Array.from({ length: Math.min(CHUNK, notes - at) }, (_, i) =>
          pastCaseNote(personId, at + i),
        );
        await store.append(streamId, chunk, { expectedRevision: revision });
        revision += chunk.length;
        appended += chunk.length;
      }
    }
  } finally {
    await store.close();
  }
  return appended;
}
