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
