import { PrefetchedRegistry } from '../cadres/prefetched-registry';
import { ReadRow } from './parse-rows';

/** People whose records one query reads (chunks keep a statement's result bounded). */
const PEOPLE_PER_READ = 2000;

const NAMED_BY_ROWS_ONLY = { positions: [], units: [] };

const isText = (value: unknown): value is string => typeof value === 'string' && value !== '';

/**
 * The people, posts and units the rows name, read with one query per kind (the people in
 * chunks) instead of a few queries a row: the checks then read them from memory. The rows' own
 * posts and units go with the first chunk only; each chunk adds those its people name.
 */
export async function prefetchRows(
  reads: PrefetchedRegistry,
  rows: ReadRow[],
): Promise<PrefetchedRegistry> {
  const named = (field: string) =>
    rows.map((row) => (row.values as Record<string, unknown>)[field]).filter(isText);
  const people = [...new Set(named('personId'))];
  const ids = { positions: named('positionId'), units: named('orgUnitId') };
  for (let start = 0; start < Math.max(people.length, 1); start += PEOPLE_PER_READ) {
    const chunk = people.slice(start, start + PEOPLE_PER_READ);
    await reads.prefetch({ ...(start === 0 ? ids : NAMED_BY_ROWS_ONLY), people: chunk });
  }
  return reads;
}
