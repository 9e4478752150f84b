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
 * the rule set's `planning.plannableTerms` (`assertPlannableTerm`).
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

/**
 * The terms a planning entry may be made for (`planning.plannableTerms`): planning is for the
 * term of office after the current one, and the current one's planning is reviewed and
 * supplemented during it. Terms of office follow one another every `planning.termYears` years
 * from `termOfOffice` (the congresses' 2020-2025, 2025-2030, 2030-2035 …).
 */
export interface PlannableTermsRule {
  /** One term of office, `YYYY-YYYY`: the others follow on from it or come before it. */
  termOfOffice: string;
  /** How many terms after the current one may be planned for (1: the next term). */
  termsAhead: number;
}

export interface CitedPlannableTerms {
  value: PlannableTermsRule;
  citation: string;
}

/**
 * The terms of office open to planning on `day`, earliest first: the current term, which runs
 * through its last year as `planningTermEnd` has it (so 2025-2030 is current until 31 Dec 2030),
 * and the `termsAhead` after it.
 */
export function plannableTerms(rule: PlannableTermsRule, termYears: number, day: string): string[] {
  const anchor = Number(rule.termOfOffice.slice(0, 4));
  const year = Number(day.slice(0, 4));
  const currentStart = anchor + Math.ceil((year - termYears - anchor) / termYears) * termYears;
  return Array.from({ length: rule.termsAhead + 1 }, (_, index) => {
    const from = currentStart + index * termYears;
    return `${from}-${from + termYears}`;
  });
}

/**
 * A term the rules do not plan for on `day` is refused (before: 2051-2056, or 2027-2032 between
 * two terms of office, was taken with a pool of its own). Judged after the span and the end
 * (`assertPlanningTermSpan`, `assertPlanningTermNotEnded`).
 */
export function assertPlannableTerm(
  term: string,
  rule: CitedPlannableTerms,
  termYears: number,
  day: string,
  field = 'term',
): void {
  const open = plannableTerms(rule.value, termYears, day);
  if (open.includes(term)) return;
  const aligned = isAlignedTerm(term, rule.value.termOfOffice, termYears);
  const [first, last] = [open[0], open[open.length - 1]];
  const why = [
    ...(aligned ? [] : ['is not a term of office']),
    ...(term > last
      ? [`starts in ${term.slice(0, 4)}, after ${last}`]
      : aligned
        ? [`comes before ${first}`]
        : []),
  ].join(' and ');
  throw new RegistryRuleViolation(
    'planning_pool.term_not_plannable',
    `${field}: ${term} ${why}; on ${day} the terms open to planning are ${open.join(', ')} (${rule.citation})`,
    'unprocessable',
    field,
  );
}

const isAlignedTerm = (term: string, termOfOffice: string, termYears: number): boolean =>
  (((Number(term.slice(0, 4)) - Number(termOfOffice.slice(0, 4))) % termYears) + termYears) %
    termYears ===
  0;
