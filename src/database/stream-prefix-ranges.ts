import { Pool } from 'pg';

/**
 * Collations whose order is that of the strings' bytes (for UTF-8, of their code points): there,
 * every string that starts with a prefix lies between the prefix and the prefix with its last
 * character's successor, so a range on an ordinary btree finds them.
 */
const BYTEWISE_COLLATIONS = /^(C|POSIX|C\.UTF-?8)$/i;

const STREAM_ID_COLLATION = `
  SELECT COALESCE(NULLIF(c.collname, 'default'), d.datcollate) AS collation,
         CASE WHEN c.collname = 'default' THEN d.datlocprovider ELSE c.collprovider END AS provider
    FROM pg_attribute a
    JOIN pg_collation c ON c.oid = a.attcollation
    JOIN pg_database d ON d.datname = current_database()
   WHERE a.attrelid = 'events'::regclass AND a.attname = 'stream_id'`;

const probed = new WeakMap<Pool, Promise<boolean>>();

/**
 * Whether `events.stream_id` is ordered bytewise in this database (C, POSIX, libc's C.UTF-8), so
 * that `prefixRangesCondition` may be used beside a `LIKE`: asked once per pool. Under a linguistic
 * collation (en_US, ICU) punctuation and case are weighed apart and the ranges would miss rows.
 */
export function streamIdsOrderBytewise(pool: Pool): Promise<boolean> {
  let answer = probed.get(pool);
  if (!answer) {
    answer = pool
      .query<{ collation: string; provider: string }>(STREAM_ID_COLLATION)
      .then(({ rows }) => {
        const [row] = rows;
        return row !== undefined && row.provider === 'c' && BYTEWISE_COLLATIONS.test(row.collation);
      });
    // A failed probe is asked again next time, not remembered as an answer.
    answer.catch(() => probed.delete(pool));
    probed.set(pool, answer);
  }
  return answer;
}

/** [from, to): every string starting with `prefix` in bytewise order; null when there is none. */
export function prefixRange(prefix: string): [string, string] | null {
  const characters = [...prefix];
  const last = characters.pop();
  if (last === undefined) return null;
  const code = last.codePointAt(0)!;
  // No successor for the last code point, or one that is a lone surrogate: no exact bound.
  if (code >= 0x10ffff || (code >= 0xd7ff && code < 0xe000)) return null;
  return [prefix, characters.join('') + String.fromCodePoint(code + 1)];
}

/**
 * A condition that a btree on `column` can answer for rows whose value starts with one of
 * `prefixes`, with its placeholders numbered from `firstParameter`; null when a prefix has no
 * range (the caller then relies on its `LIKE` alone). It is a superset only in bytewise order.
 */
export function prefixRangesCondition(
  column: string,
  prefixes: readonly string[],
  firstParameter: number,
): { sql: string; params: string[] } | null {
  const ranges = prefixes.map(prefixRange);
  if (ranges.length === 0 || ranges.some((range) => range === null)) return null;
  const params = (ranges as [string, string][]).flat();
  const terms = prefixes.map((_, index) => {
    const from = firstParameter + 2 * index;
    return `(${column} >= $${from} AND ${column} < $${from + 1})`;
  });
  return { sql: `(${terms.join(' OR ')})`, params };
}
