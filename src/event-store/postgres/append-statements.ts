import { Pool, PoolClient } from 'pg';
import { EventIdConflict, WrongExpectedRevision } from '../event-store.errors';
import { AppendResult } from '../event-store.port';
import { ExpectedRevision } from '../expected-revision';
import { insertNewStreams, PreparedEvent } from './new-stream-insert';
import { appendsJsonb, batchJsonb } from './prepared-event-json';

/** How `cf_append` receives the expected revisions that are not a number. */
export const EXPECTED_CODES: Record<Exclude<ExpectedRevision, number>, number> = {
  no_stream: -1,
  any: -2,
  stream_exists: -3,
};

/** The code `cf_append` takes for an expected revision. */
export const expectedCodeOf = (expected: ExpectedRevision): number =>
  typeof expected === 'number' ? expected : EXPECTED_CODES[expected];

/** An append that `cf_append` checks: to an existing stream, or with `any`/`stream_exists`/a revision. */
export interface CheckedAppend {
  streamId: string;
  expectedCode: number;
  batch: readonly PreparedEvent[];
  expected: ExpectedRevision;
}

/** Revision of the stream's last event, or null if it has none. */
export async function streamRevision(pool: Pool, streamId: string): Promise<number | null> {
  const { rows } = await pool.query<{ revision: string | null }>(
    'SELECT max(revision) AS revision FROM events WHERE stream_id = $1',
    [streamId],
  );
  return rows[0].revision === null ? null : Number(rows[0].revision);
}

/** A new stream alone: one INSERT, or the full check when the stream or an id already exists. */
export async function appendNewStream(
  pool: Pool,
  streamId: string,
  batch: readonly PreparedEvent[],
): Promise<AppendResult> {
  try {
    const [result] = await insertNewStreams(pool, [{ streamId, batch }]);
    return result;
  } catch (error) {
    if ((error as { code?: string }).code !== '23505') throw error;
    // The stream exists or an id is taken: the full check says whether this is a harmless
    // retry, a wrong expected revision or an id stored elsewhere.
    return callAppend(pool, streamId, EXPECTED_CODES.no_stream, batch, 'no_stream', true);
  }
}

/** Appends to distinct streams in one statement through `cf_append_many`; all or nothing. */
export async function callAppendMany(
  pool: Pool | PoolClient,
  appends: readonly CheckedAppend[],
): Promise<AppendResult[]> {
  const { rows } = await pool.query<{ next_revision: string; last_position: string }>({
    name: 'cf_append_many',
    text: 'SELECT next_revision, last_position FROM cf_append_many($1)',
    values: [appendsJsonb(appends)],
  });
  return rows.map((row) => ({
    nextRevision: Number(row.next_revision),
    position: row.last_position,
  }));
}

/** One append through `cf_append`, its refusals turned into the port's errors. */
export async function callAppend(
  pool: Pool,
  streamId: string,
  expectedCode: number,
  batch: readonly PreparedEvent[],
  expected: ExpectedRevision,
  retryOnce: boolean,
): Promise<AppendResult> {
  try {
    const { rows } = await pool.query<{ next_revision: string; last_position: string }>({
      name: 'cf_append',
      text: 'SELECT next_revision, last_position FROM cf_append($1, $2, $3)',
      values: [streamId, expectedCode, batchJsonb(batch)],
    });
    return { nextRevision: Number(rows[0].next_revision), position: rows[0].last_position };
  } catch (error) {
    const pgError = error as { code?: string; detail?: string; constraint?: string };
    // A retry racing its own first attempt loses the race; asking again finds the stored batch.
    const raced = pgError.code === '23505' || pgError.code === 'CF001' || pgError.code === 'CF002';
    if (raced && retryOnce) return callAppend(pool, streamId, expectedCode, batch, expected, false);
    throw await appendRefusal(pool, pgError, streamId, expected, error);
  }
}

/** What a refused `cf_append` means to the caller; any other error is returned as it came. */
async function appendRefusal(
  pool: Pool,
  pgError: { code?: string; detail?: string; constraint?: string },
  streamId: string,
  expected: ExpectedRevision,
  error: unknown,
): Promise<unknown> {
  if (pgError.code === 'CF001') {
    const actual =
      pgError.detail === 'absent' || pgError.detail === '-1' ? null : Number(pgError.detail);
    return new WrongExpectedRevision(streamId, expected, actual);
  }
  if (pgError.code === 'CF002')
    return new EventIdConflict(
      pgError.detail ?? '?',
      'stored with other content or at another place',
    );
  if (pgError.code === '23505' && pgError.constraint === 'events_event_id_unique') {
    return new EventIdConflict(
      /\(event_id\)=\(([^)]*)\)/.exec(pgError.detail ?? '')?.[1] ?? '?',
      'stored in another place',
    );
  }
  if (pgError.code === '23505' && pgError.constraint === 'events_stream_revision_unique')
    return new WrongExpectedRevision(streamId, expected, await streamRevision(pool, streamId));
  return error;
}
