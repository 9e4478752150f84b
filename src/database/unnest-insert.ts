import { createHash } from 'node:crypto';
import { PoolClient } from 'pg';
import { arrayLiteral, CopyColumnType } from './copy-text-format';
import { quoteIdentifier } from './quote-identifier';

/** How a column's values travel: as an array of this type, then cast to the column's type. */
const PARAMETER_TYPE: Record<CopyColumnType, { array: string; cast: string }> = {
  text: { array: 'text[]', cast: '' },
  bigint: { array: 'bigint[]', cast: '' },
  integer: { array: 'integer[]', cast: '' },
  timestamptz: { array: 'timestamptz[]', cast: '' },
  // Sent as text: an array of arrays must be rectangular, and JSON goes as its own text.
  jsonb: { array: 'text[]', cast: '::jsonb' },
  'text[]': { array: 'text[]', cast: '::text[]' },
};

function parameterValue(value: unknown, type: CopyColumnType): unknown {
  if (value === null || value === undefined) return null;
  if (type === 'jsonb') return JSON.stringify(value);
  if (type === 'text[]') return arrayLiteral(value as string[]);
  return value;
}

const statements = new Map<string, { name: string; text: string }>();

/** One named statement per table and column list: each connection parses and plans it once. */
function statementFor(
  table: string,
  columns: readonly { name: string; type: CopyColumnType }[],
): { name: string; text: string } {
  const key = `${table}(${columns.map((column) => `${column.name} ${column.type}`).join(',')})`;
  let statement = statements.get(key);
  if (!statement) {
    const names = columns.map((column) => quoteIdentifier(column.name));
    const arrays = columns.map((column, i) => `$${i + 1}::${PARAMETER_TYPE[column.type].array}`);
    const selected = columns.map((column, i) => `c${i}${PARAMETER_TYPE[column.type].cast}`);
    const aliases = columns.map((_, i) => `c${i}`).join(', ');
    const text = `INSERT INTO ${quoteIdentifier(table)} (${names.join(', ')})
      SELECT ${selected.join(', ')} FROM unnest(${arrays.join(', ')}) AS r(${aliases})`;
    const name = `cf_insert_${createHash('sha1').update(text).digest('hex').slice(0, 16)}`;
    statement = { name, text };
    statements.set(key, statement);
  }
  return statement;
}

/**
 * Writes rows with one `INSERT … SELECT FROM unnest(…)`, one array parameter per column, in the
 * caller's transaction: one round trip where `COPY` takes two (the command, then the data once
 * the server is ready for it). For the few rows of a live batch; `copyRows` stays the way for
 * thousands. The same rows as `copyRows` writes (`test/projections/unnest-insert.int.spec.ts`).
 */
export async function insertRows(
  tx: PoolClient,
  table: string,
  columns: readonly { name: string; type: CopyColumnType }[],
  rows: readonly (readonly unknown[])[],
): Promise<void> {
  if (rows.length === 0) return;
  const { name, text } = statementFor(table, columns);
  const values = columns.map((column, i) => rows.map((row) => parameterValue(row[i], column.type)));
  await tx.query({ name, text, values });
}
