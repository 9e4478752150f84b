import { Pool } from 'pg';
import { AppendResult } from '../event-store.port';
import { CheckedAppend } from './append-statements';
import {
  InsertedRow,
  NEW_STREAM_INSERT,
  NEW_STREAM_RETURNING,
  newStreamResults,
  newStreamValues,
} from './new-stream-insert';
import { appendsJsonb } from './prepared-event-json';

interface ResultRow extends InsertedRow {
  next_revision: string | null;
  last_position: string | null;
  ord: string | null;
}

/**
 * A multi-stream append as one statement where one is enough: the INSERT of its new streams (at
 * most `maxNewEvents` events) and `cf_append_many` of the others together, in a data-modifying
 * `WITH`. A statement outside a transaction block is its own transaction: all or nothing, one
 * commit, and one round trip instead of four (BEGIN, INSERT, cf_append_many, COMMIT). Each round
 * trip waited for the service's event loop, busy with the projections of what the bulk write had
 * just committed (bench/README.md, bench:bulk). The two parts touch distinct streams (appendMany
 * needs them distinct), so neither needs to see the other's rows. Null when the new streams need
 * more than one INSERT: the caller then writes in a transaction.
 */
export function oneStatementAppend(
  appends: CheckedAppend[],
  maxNewEvents: number,
): ((pool: Pool) => Promise<AppendResult[]>) | null {
  const fresh = appends.filter((append) => append.expected === 'no_stream');
  const checked = appends.filter((append) => append.expected !== 'no_stream');
  if (fresh.reduce((sum, append) => sum + append.batch.length, 0) > maxNewEvents) return null;
  const { rows, params } = newStreamValues(fresh);
  const parts: string[] = [];
  if (fresh.length)
    parts.push(`SELECT stream_id, transaction_id, global_position::text AS global_position,
                       NULL::bigint AS next_revision, NULL::text AS last_position, NULL::bigint AS ord
                  FROM inserted`);
  if (checked.length) {
    params.push(appendsJsonb(checked));
    parts.push(`SELECT NULL::text AS stream_id, NULL::text AS transaction_id,
                       NULL::text AS global_position, a.next_revision, a.last_position, a.ord
                  FROM cf_append_many($${params.length}::jsonb) WITH ORDINALITY AS a(next_revision, last_position, ord)`);
  }
  const text = `${fresh.length ? `WITH inserted AS (${NEW_STREAM_INSERT} ${rows.join(', ')} ${NEW_STREAM_RETURNING}) ` : ''}${parts.join(' UNION ALL ')}`;
  return async (pool) => {
    const { rows: answered } = await pool.query<ResultRow>({
      // Named: each connection parses and plans the statement once per shape.
      name: `cf_append_in_one_${rows.length}_${checked.length > 0}`,
      text,
      values: params,
    });
    const inserted = answered.filter((row) => row.stream_id !== null);
    const appended = answered
      .filter((row) => row.stream_id === null)
      .sort((a, b) => Number(a.ord) - Number(b.ord));
    const results = new Map<CheckedAppend, AppendResult>();
    newStreamResults(fresh, inserted).forEach((result, at) => results.set(fresh[at], result));
    checked.forEach((append, at) =>
      results.set(append, {
        nextRevision: Number(appended[at].next_revision),
        position: appended[at].last_position!,
      }),
    );
    return appends.map((append) => results.get(append)!);
  };
}
