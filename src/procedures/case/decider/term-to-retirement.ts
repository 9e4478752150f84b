import { DecisionTerm } from './case.context';

/** How a term was cut to the person's retirement (`reappointmentTerm`, `extensionTerm`). */
const TO_RETIREMENT = ['extended_to_retirement', 'ends_at_retirement'];

/**
 * Whether a decided term runs to the person's retirement: the post ends because the person
 * retires, so no re-appointment follows it and no re-appointment notice is due before it.
 */
export function termRunsToRetirement(term: Pick<DecisionTerm, 'details'>): boolean {
  const applied = (term.details as { applied?: unknown } | undefined)?.applied;
  return typeof applied === 'string' && TO_RETIREMENT.includes(applied);
}
