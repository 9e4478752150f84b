/**
 * `npm run bench:person-fold`: what reading a person's record costs a step (vetting, opening a
 * re-appointment, a planning entry) as the record grows, with and without the fold kept per
 * process (`StreamFoldCache`). One person with 20 events and one with 2,000 (case notes, as a
 * person's record grows with every case about them); each read is preceded by one new event on
 * that record, as a step in a running case is. Prints median and p95 per read and one JSON line.
 */
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { withBenchDatabase } from '../bench-database';
import { migrateUp } from '../../src/database/migrate';
import { EventMetadata, NewEvent } from '../../src/event-store/event-envelope';
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store';
import { StoredEventNames } from '../../src/event-store/stored-event-names';
import { loadStream } from '../../src/common/stream-command-runner';
import { StreamFoldCache } from '../../src/common/stream-fold-cache';
import { personDecider } from '../../src/cadres/person/person.decider';
import { PersonState } from '../../src/cadres/person/person.state';

const SIZES = [20, 2000];
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 300);

const metadata: EventMetadata = {
  actorId: 'bench',
  correlationId: 'bench',
  causationId: null,
  occurredAt: new Date().toISOString(),
};

function caseNote(personId: string, n: number): NewEvent {
  return {
    id: randomUUID(),
    type: 'CaseNoted',
    data: {
      personId,
      caseId: `case-${n}`,
      procedure: 'appointment',
      status: n % 2 ? 'closed' : 'open',
      stage: null,
      on: '2026-01-01',
    },
    metadata,
  };
}

async function personWith(store: PostgresEventStore, personId: string, events: number) {
  const registered: NewEvent = {
    id: randomUUID(),
    type: 'PersonRegistered',
    data: {
      personId,
      fullName: 'Nguyễn Văn Bench',
      dateOfBirth: '1975-01-01',
      gender: 'male',
      ethnicity: 'Kinh',
      partyMember: true,
      educationLevel: 'master',
      politicalTheoryLevel: 'advanced',
      orgUnitId: 'bench',
    },
    metadata,
  };
  const rest = Array.from({ length: events - 1 }, (_, i) => caseNote(personId, i));
  await store.append(`cadre-${personId}`, [registered, ...rest.slice(0, 499)], {
    expectedRevision: 'no_stream',
  });
  for (let at = 499; at < rest.length; at += 500) {
    await store.append(`cadre-${personId}`, rest.slice(at, at + 500), { expectedRevision: at });
  }
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function timeReads(
  store: PostgresEventStore,
  personId: string,
  size: number,
  read: (streamId: string) => Promise<{ state: PersonState }>,
) {
  const streamId = `cadre-${personId}`;
  const times: number[] = [];
  let revision = size - 1;
  for (let i = 0; i < SAMPLES; i += 1) {
    await store.append(streamId, [caseNote(personId, 10_000 + i)], { expectedRevision: revision });
    revision += 1;
    const started = process.hrtime.bigint();
    await read(streamId);
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
}

async function main() {
  await withBenchDatabase('person_fold', async (url) => {
    await migrateUp(url);
    const pool = new Pool({ connectionString: url, max: 4 });
    const store = new PostgresEventStore(pool, new StoredEventNames());
    const figures: Record<string, { p50: number; p95: number }> = {};
    try {
      for (const size of SIZES) {
        for (const mode of ['whole', 'cached'] as const) {
          const personId = `p${size}-${mode}`;
          await personWith(store, personId, size);
          const cache = new StreamFoldCache(store, personDecider, 100);
          const read =
            mode === 'whole'
              ? (id: string) => loadStream(store, id, personDecider)
              : (id: string) => cache.load(id);
          const figure = await timeReads(store, personId, size, read);
          figures[`${mode}@${size}`] = figure;
          console.log(
            `${mode.padEnd(6)} ${String(size).padStart(5)} events: p50 ${figure.p50.toFixed(2)} ms, p95 ${figure.p95.toFixed(2)} ms`,
          );
        }
      }
    } finally {
      await store.close();
      await pool.end();
    }
    console.log(JSON.stringify({ bench: 'person-fold', samples: SAMPLES, figures }));
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
