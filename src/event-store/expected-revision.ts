/**
 * The optimistic-concurrency expectation of an append:
 * - `no_stream`: the stream must not exist yet;
 * - `stream_exists`: it must exist, at any revision;
 * - `any`: no check;
 * - a number: the revision of the stream's last event must be exactly this (0-based).
 */
export type ExpectedRevision = 'no_stream' | 'any' | 'stream_exists' | number;

export function describeExpected(expected: ExpectedRevision): string {
  return typeof expected === 'number' ? `revision ${expected}` : expected;
}

/** Whether a stream whose last revision is `actual` (null: absent) is where `expected` says. */
export function meetsExpected(expected: ExpectedRevision, actual: number | null): boolean {
  if (expected === 'any') return true;
  if (expected === 'no_stream') return actual === null;
  if (expected === 'stream_exists') return actual !== null;
  return actual === expected;
}
