import { RegistryRuleViolation } from '../registry-rule-violation';
import type { CitedLimit } from './planning-pool-limits';

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

/**
 * A planning term spans one term of office (`planning.termYears`): `2025-2026` or `2020-2026`
 * would be pools of their own, outside the limits counted per term.
 */
export function assertPlanningTermSpan(term: string, span: CitedLimit, field = 'term'): void {
  const [from, to] = term.split('-').map(Number);
  if (to - from !== span.value)
    throw new RegistryRuleViolation(
      'planning_pool.term_span',
      `${field}: ${term} spans ${to - from} years; a planning term spans ${span.value} (e.g. 2025-${2025 + span.value}) (${span.citation})`,
      'invalid',
      field,
    );
}

/**
 * A planning term that has ended (its last year before the year of `day`) plans nobody for a post
 * any more (before: 2010-2015 was taken, with a seat of its own). How far ahead a term may lie is
 * not limited: Quy định 50-QĐ/TW and 377-QĐ/TW plan for the next term, but no article setting a
 * limit was read here.
 */
export function assertPlanningTermNotEnded(term: string, day: string, field = 'term'): void {
  if (!planningTermCurrent(term, day))
    throw new RegistryRuleViolation(
      'planning_pool.term_ended',
      `${field}: the planning term ${term} ended on ${planningTermEnd(term)}, before today (${day}); planning is for a term running or to come`,
      'invalid',
      field,
    );
}
