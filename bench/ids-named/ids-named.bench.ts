/**
 * `npm run bench:ids-named`: what reading an opening's ids for the scope check costs
 * `POST /cases` (issue 21), before the body's own check. The same body read 100,000 times
 * (`BENCH_READS`) by `idsNamed` (each field's rule derived once per DTO class) and by the
 * class-validator run per field it replaced (`takenByClassValidator`), in alternating rounds so
 * the machine's load falls on both alike. Prints µs per body for each and one JSON line.
 */
import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import { idsNamed } from '../../src/common/http/ids-named-in-body';
import { takenByClassValidator } from '../../src/common/http/id-field-rule';
import { OPENING_IDS } from '../../src/common/http/case-routes';
import { OpenCaseDto } from '../../src/procedures/case/dto/open-case.dto';

const READS = Number(process.env.BENCH_READS ?? 100_000);
const ROUNDS = 5;
const FIELDS = [...OPENING_IDS, 'approvalInPrincipleCaseId', 'consultationCaseId'] as const;

/** An appointment opening as the lifecycle bench sends it. */
const BODY = {
  id: 'c-2026-0042',
  procedure: 'appointment',
  definition: 'appointment.internal',
  personId: 'p-nguyen-van-an',
  positionId: 'pos-ha-noi-head-organization',
  orgUnitId: 'ou-ha-noi-party-committee',
  summary: 'Fill the post of head of the organization committee.',
};

/** The reading before: one class-validator run per id field. */
function idsNamedBefore(raw: Record<string, unknown>) {
  const named: Record<string, string> = {};
  for (const field of FIELDS) {
    const value = raw[field];
    if (typeof value === 'string' && takenByClassValidator(OpenCaseDto, field, value))
      named[field] = value;
  }
  return named;
}

function timed(read: () => unknown): number {
  const start = performance.now();
  for (let n = 0; n < READS; n++) read();
  return ((performance.now() - start) * 1000) / READS;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1];

const before: number[] = [];
const after: number[] = [];
if (JSON.stringify(idsNamed(OpenCaseDto, BODY, FIELDS)) !== JSON.stringify(idsNamedBefore(BODY)))
  throw new Error('the two readings disagree');
for (let round = 0; round < ROUNDS; round++) {
  before.push(timed(() => idsNamedBefore(BODY)));
  after.push(timed(() => idsNamed(OpenCaseDto, BODY, FIELDS)));
}
const result = { reads: READS, beforeUs: median(before), afterUs: median(after) };
console.log(
  `idsNamed on a POST /cases body: before ${result.beforeUs.toFixed(2)} µs, ` +
    `after ${result.afterUs.toFixed(2)} µs (median of ${ROUNDS} rounds of ${READS})`,
);
console.log(JSON.stringify(result));
