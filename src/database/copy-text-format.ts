import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { quoteIdentifier } from './quote-identifier';

/** The PostgreSQL type a column is written as; decides how a value is spelled in COPY text. */
export type CopyColumnType = 'text' | 'bigint' | 'integer' | 'timestamptz' | 'jsonb' | 'text[]';

const COPY_SPECIALS = /[\\\t\n\r]/g;
const COPY_ESCAPES: Record<string, string> = {
  '\\': '\\\\',
  '\t': '\\t',
  '\n': '\\n',
  '\r': '\\r',
};

/** Backslash, tab, newline and carriage return are the only characters COPY text reads specially. */
function escapeCopyText(value: string): string {
  return value.replace(COPY_SPECIALS, (special) => COPY_ESCAPES[special]);
}

/** An array literal: every element quoted, so commas, braces, spaces and NULL-looking words stay text. */
function arrayLiteral(values: readonly string[]): string {
  return `{${values.map((value) => `"${value.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
}

/** One value in COPY text format (`\N` is NULL). */
export function copyTextValue(value: unknown, type: CopyColumnType): string {
  if (value === null || value === undefined) return '\\N';
  switch (type) {
    case 'jsonb':
      return escapeCopyText(JSON.stringify(value));
    case 'text[]':
      return escapeCopyText(arrayLiteral(value as string[]));
    default:
      return escapeCopyText(String(value));
  }
}

/**
 * Writes rows with `COPY … FROM STDIN` in the caller's transaction. Several times cheaper for
 * the server than an INSERT that parses the same rows out of one JSON document.
 */
export async function copyRows(
  tx: PoolClient,
  table: string,
  columns: readonly { name: string; type: CopyColumnType }[],
  rows: readonly (readonly unknown[])[],
): Promise<void> {
  const lines = rows.map(
    (row) => `${columns.map((column, i) => copyTextValue(row[i], column.type)).join('\t')}\n`,
  );
  const columnList = columns.map((column) => quoteIdentifier(column.name)).join(', ');
  const sink = tx.query(copyFrom(`COPY ${quoteIdentifier(table)} (${columnList}) FROM STDIN`));
  await pipeline(Readable.from([lines.join('')]), sink);
}
