import { RuleSet, ruleCitation, ruleValue } from '../workflow/rule-sets/rule-set';
import { statusPeriodCovers } from './person/status-period-covers';
import { PersonStatusPeriod } from './person/person.state';

/** Statuses that hold an appointment back while they last (under investigation …). */
const BLOCKING = 'appointment.blockingStatuses';

/** A status period holding an appointment back on a day: the rule it is refused under, and why. */
export interface BlockingStatus {
  status: string;
  from: string;
  until: string | null;
  /** `status.<status>`, as the eligibility check names it. */
  rule: string;
  /** The status, its period and the rule's citation. */
  reason: string;
}

/**
 * The periods covering the day of a status the rule set names (`appointment.blockingStatuses`,
 * Quy định 377-QĐ/TW art. 20): the one reading the eligibility check, the opening, the
 * nomination, the vetting and the decision of an appointment all share. A set that names no
 * such statuses holds nothing back.
 */
export function appointmentBlockingStatuses(
  statuses: readonly PersonStatusPeriod[],
  ruleSet: RuleSet,
  day: string,
): BlockingStatus[] {
  if (!ruleSet.params[BLOCKING]) return [];
  const blocking = ruleValue<string[]>(ruleSet, BLOCKING);
  return statuses
    .filter((s) => blocking.includes(s.status))
    .filter((s) => statusPeriodCovers(s, day))
    .map((s) => ({
      status: s.status,
      from: s.from,
      until: s.until,
      rule: `status.${s.status}`,
      reason: `${s.status.replace(/_/g, ' ')} since ${s.from}${s.until ? ` until ${s.until}` : ''} (${ruleCitation(ruleSet, BLOCKING)})`,
    }));
}
