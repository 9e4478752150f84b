import { RegistryRuleViolation } from '../registry-rule-violation';
import { PersonStatusRecorded } from './person.events';

type StatusPeriod = Omit<PersonStatusRecorded['data'], 'personId'>;

/** Two periods share a day (both ends inclusive; an open end runs on). */
const overlap = (a: StatusPeriod, b: StatusPeriod): boolean =>
  (b.until === null || a.from <= b.until) && (a.until === null || b.from <= a.until);

const shown = (period: StatusPeriod) => `${period.from} – ${period.until ?? 'open-ended'}`;

/**
 * A status period by hand: the same period of the same status again (a form sent twice, a second
 * clerk) writes nothing; another period of that status sharing a day with one on record is refused.
 * Every reader of the record (vetting, re-appointment, discipline deferral) asks only whether some
 * period of a status covers a day, so a second, overlapping one adds nothing but a contradiction
 * (which dates hold?). Different statuses may overlap: abroad while under investigation.
 */
export function isStatusRepeat(
  recorded: readonly StatusPeriod[],
  period: PersonStatusRecorded['data'],
): boolean {
  const same = recorded.find(
    (r) =>
      r.status === period.status &&
      r.from === period.from &&
      r.until === period.until &&
      r.note === period.note,
  );
  if (same) return true;
  const overlapping = recorded.find((r) => r.status === period.status && overlap(r, period));
  if (overlapping)
    throw new RegistryRuleViolation(
      'status.overlaps',
      `from: ${period.status} ${shown(period)} overlaps the ${period.status} period on record (${shown(overlapping)}); a status is recorded once for any day`,
      'unprocessable',
      'from',
    );
  return false;
}
