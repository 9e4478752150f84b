/**
 * The last day of a planning term written `YYYY-YYYY` (nhiệm kỳ quy hoạch): the term runs through
 * its last year, so an entry for 2020-2025 no longer qualifies anyone from 1 Jan 2026.
 */
export function planningTermEnd(term: string): string {
  return `${term.slice(-4)}-12-31`;
}

/** The entry's planning term has not ended on `day`. */
export const planningTermCurrent = (term: string, day: string): boolean =>
  planningTermEnd(term) >= day;

/**
 * A planning term written `YYYY-YYYY` that runs forwards. The pool's limits are counted per term,
 * so `2030-2025` would be a term of its own with empty pools.
 */
export function isForwardPlanningTerm(value: unknown): value is string {
  const years = typeof value === 'string' ? /^(\d{4})-(\d{4})$/.exec(value) : null;
  return years !== null && Number(years[2]) > Number(years[1]);
}
