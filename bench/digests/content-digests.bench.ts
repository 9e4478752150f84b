/**
 * `npm run bench:digests`: what the content digests of a transfer batch's events cost the service
 * (every append computes them; a batch of 10,000 writes about 32,000 events). Times the canonical
 * JSON of the events' data alone and the digests of whole events, 1,500 to a write as a batch's
 * chunk is, in rounds after a warm-up; prints the median and one JSON line. No database.
 */
import { canonicalJson } from '../../src/event-store/canonical-json';
import { EventMetadata } from '../../src/event-store/event-envelope';
import { contentDigests, HashedContent } from '../../src/event-store/hash-chain';
import { median, round1 } from '../lifecycle/timed-http';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 32_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const WARM_UP = 3;
const PER_WRITE = 1500;

const metadata: EventMetadata = {
  actorId: 'admin-1',
  correlationId: 'c0a8e7a2-1111-2222-3333-444455556666',
  causationId: null,
  occurredAt: '2026-12-04T15:00:00.000Z',
};

function transferOpened(n: number): HashedContent {
  return {
    streamId: `transfer-bench-${n}`,
    id: `event-${n}`,
    type: 'CaseOpened',
    schemaVersion: 1,
    data: {
      caseId: `transfer-bench-${n}`,
      personId: `p-import-bench-${n}`,
      fromPositionId: 'pos-ha-noi-123',
      toPositionId: 'pos-hai-phong-456',
      toOrgUnitId: 'ou-hai-phong',
      reason: 'Sắp xếp tổ chức bộ máy theo Nghị quyết 18-NQ/TW',
      definition: { procedure: 'transfer', version: 3 },
      batchId: 'batch-bench',
      entry: n,
      steps: [
        { id: 'proposal', dueOn: null },
        { id: 'decision', dueOn: '2027-02-01' },
      ],
    },
    metadata,
  };
}

function medianMs(run: () => void): number {
  const times: number[] = [];
  for (let round = 0; round < WARM_UP + ROUNDS; round += 1) {
    const started = performance.now();
    run();
    if (round >= WARM_UP) times.push(performance.now() - started);
  }
  return round1(median(times));
}

const events = Array.from({ length: EVENTS }, (_, n) => transferOpened(n));
let written = 0;
const canonicalMs = medianMs(() => {
  for (const event of events) written += canonicalJson(event.data).length;
});
const digestsMs = medianMs(() => {
  for (let start = 0; start < events.length; start += PER_WRITE)
    written += contentDigests(events.slice(start, start + PER_WRITE)).length;
});
console.log(`canonical JSON of ${EVENTS} events' data: ${canonicalMs} ms (median of ${ROUNDS})`);
console.log(`content digests of ${EVENTS} events: ${digestsMs} ms (median of ${ROUNDS})`);
console.log(
  JSON.stringify({
    bench: 'digests',
    events: EVENTS,
    canonicalJsonMs: canonicalMs,
    contentDigestsMs: digestsMs,
    microsecondsPerDigest: round1((digestsMs * 1000) / EVENTS),
    written: written > 0,
    node: process.version,
    at: new Date().toISOString(),
  }),
);
