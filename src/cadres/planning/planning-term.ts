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
