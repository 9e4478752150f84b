import { Pool, PoolClient } from 'pg';
import { withClient } from '../../database/checked-out-client';
import { EventIdConflict, WrongExpectedRevision } from '../event-store.errors';
import { AppendResult } from '../event-store.port';
import { meetsExpected } from '../expected-revision';
import { callAppendMany, CheckedAppend, streamRevision } from './append-statements';
import { insertNewStreams, StreamBatch } from './new-stream-insert';
import { oneStatementAppend } from './one-statement-append';
import { refusedCheckedAppend } from './refused-append';

/**
 * New streams go out as plain INSERTs of at most this many events: 9 parameters each stays far
 * below a statement's 65,535, and a plan is cached per row count.
 */
const NEW_STREAM_EVENTS_PER_INSERT = 2000;

/**
 * Appends to distinct streams in one transaction (one commit): new streams (`no_stream`) as plain
 * INSERTs, the others through `cf_append_many`; as one statement when one INSERT holds the new
 * streams (one-statement-append.ts). When an INSERT finds a stream or an id already
 * there, the whole write is sent again through `cf_append_many` alone, which tells a repeat of the
 * same events (success) from a wrong expected revision or an id stored elsewhere; a refusal then
 * names the first stream that is not where it was expected.
 */
export async function appendInOneTransaction(
  pool: Pool,
  appends: CheckedAppend[],
  after?: Promise<unknown>,
): Promise<AppendResult[]> {
  assertAppendable(appends);
  try {
    const inOneStatement = oneStatementAppend(appends, NEW_STREAM_EVENTS_PER_INSERT);
    // The statement is built; only sending it waits for the earlier write.
    await after?.catch(() => undefined);
    return await (inOneStatement
      ? inOneStatement(pool)
      : inTransaction(pool, (client) => insertThenAppend(client, appends)));
  } catch (error) {
    if (!isRefusal(error)) throw error;
  }
  try {
    return await inTransaction(pool, (client) => callAppendMany(client, appends));
  } catch (error) {
    throw isRefusal(error) ? await refusalOf(pool, appends, error) : error;
  }
}

/** What `appendMany` takes: distinct streams, each with at least one event. */
export function assertAppendable(appends: readonly CheckedAppend[]): void {
  if (new Set(appends.map((append) => append.streamId)).size !== appends.length)
    throw new Error('appendMany needs distinct streams');
  const empty = appends.find((append) => append.batch.length === 0);
  if (empty) throw new Error(`append to ${empty.streamId} needs at least one event`);
}

async function insertThenAppend(
  client: PoolClient,
  appends: CheckedAppend[],
): Promise<AppendResult[]> {
  const results = new Map<CheckedAppend, AppendResult>();
  const fresh = appends.filter((append) => append.expected === 'no_stream');
  for (const group of groupsOf(fresh)) {
    const inserted = await insertNewStreams(client, group);
    group.forEach((append, index) => results.set(append as CheckedAppend, inserted[index]));
  }
  const checked = appends.filter((append) => append.expected !== 'no_stream');
  if (checked.length) {
    const appended = await callAppendMany(client, checked);
    checked.forEach((append, index) => results.set(append, appended[index]));
  }
  return appends.map((append) => results.get(append)!);
}

/** New streams in INSERTs of at most NEW_STREAM_EVENTS_PER_INSERT events (one stream is never split). */
function groupsOf(fresh: CheckedAppend[]): StreamBatch[][] {
  const groups: StreamBatch[][] = [];
  let current: StreamBatch[] = [];
  let events = 0;
  for (const append of fresh) {
    if (current.length && events + append.batch.length > NEW_STREAM_EVENTS_PER_INSERT) {
      groups.push(current);
      current = [];
      events = 0;
    }
    current.push(append);
    events += append.batch.length;
  }
  if (current.length) groups.push(current);
  return groups;
}

async function inTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  return withClient(pool, async (client) => {
    await client.query('BEGIN');
    try {
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  });
}

/** A unique index or `cf_append` refused the write (as opposed to a lost connection or a bug). */
function isRefusal(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  return code === '23505' || code === 'CF001' || code === 'CF002';
}

/**
 * The port's error for a refused write: the stream `cf_append_many` names (its HINT) when it found
 * it elsewhere than expected (CF001, its DETAIL the head it found), or the first stream not at its
 * expected revision, or the reused id. Named, because the stream may have moved on by the time it
 * is read here: a timer the write cancels, not yet scheduled when refused and scheduled by the saga
 * just after, is at the revision the write expected, and no stream would be found refusing it.
 * Its raw error (not the port's) went up as an HTTP 500 where the command would decide again.
 */
async function refusalOf(pool: Pool, appends: CheckedAppend[], error: unknown): Promise<unknown> {
  const pgError = error as { code?: string; detail?: string };
  if (pgError.code === 'CF002')
    return new EventIdConflict(
      pgError.detail ?? '?',
      'stored with other content or at another place',
    );
  const named = refusedCheckedAppend(error, appends);
  if (pgError.code === 'CF001' && named !== undefined)
    return new WrongExpectedRevision(
      appends[named].streamId,
      appends[named].expected,
      headIn(pgError.detail),
    );
  for (const append of appends) {
    const actual = await streamRevision(pool, append.streamId);
    if (!meetsExpected(append.expected, actual) && !(await holdsBatch(pool, append)))
      return new WrongExpectedRevision(append.streamId, append.expected, actual);
  }
  // A unique index broken by a writer that has since put the stream where this one expected it.
  if (named === undefined) return error;
  const { streamId, expected } = appends[named];
  return new WrongExpectedRevision(streamId, expected, await streamRevision(pool, streamId));
}

/** The head `cf_append` found, as its CF001 DETAIL gives it ('absent' or -1: no stream). */
function headIn(detail: string | undefined): number | null {
  const head = Number(detail);
  return detail === undefined || detail === 'absent' || !Number.isInteger(head) || head < 0
    ? null
    : head;
}

/**
 * The stream already holds this very append's first event (its id, with its content): a repeat,
 * not the refused part. The id with other content (another writer's cancel of the same timer,
 * whose event id is the timer's) is a stream elsewhere than expected.
 */
async function holdsBatch(pool: Pool, append: CheckedAppend): Promise<boolean> {
  const { rowCount } = await pool.query(
    `SELECT 1 FROM events WHERE event_id = $1 AND stream_id = $2 AND content_hash = decode($3, 'hex')`,
    [append.batch[0].id, append.streamId, append.batch[0].contentHash],
  );
  return (rowCount ?? 0) > 0;
}
