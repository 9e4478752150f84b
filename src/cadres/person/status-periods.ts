import { RegistryRuleViolation } from '../registry-rule-violation';
import { PersonStatusPeriodEnded, PersonStatusRecorded } from './person.events';

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
  // The same open period sent again with an end: the clerk means to close it, which is its own fact.
  const closing =
    overlapping &&
    overlapping.until === null &&
    overlapping.from === period.from &&
    period.until !== null
      ? `; to record the day it ended, POST /cadres/${period.personId}/statuses/end`
      : '';
  if (overlapping)
    throw new RegistryRuleViolation(
      'status.overlaps',
      `from: ${period.status} ${shown(period)} overlaps the ${period.status} period on record (${shown(overlapping)}); a status is recorded once for any day${closing}`,
      'unprocessable',
      'from',
    );
  return false;
}

/**
 * The day a period ended (kết thúc): the period recorded with that status and start, its end not
 * before its start nor after today. The end is a fact learnt when it happens: a planned return is
 * not recorded ahead, since every reader would then let a step go ahead on the strength of a
 * forecast (a resignation, a re-appointment held back by an investigation). A period recorded with
 * a planned end still to come may end earlier (back from abroad before the planned day); an end
 * already past is final. The same end sent again writes nothing; another end of a period already
 * ended is refused.
 */
export function decideStatusEnd(
  recorded: readonly StatusPeriod[],
  end: PersonStatusPeriodEnded['data'],
  today: string | undefined,
): PersonStatusPeriodEnded[] {
  const period = recorded.find((r) => r.status === end.status && r.from === end.from);
  if (!period)
    throw new RegistryRuleViolation(
      'status.not_on_record',
      `from: ${end.personId} has no ${end.status} period starting ${end.from} on record`,
      'unprocessable',
      'from',
    );
  if (end.until < end.from)
    throw new RegistryRuleViolation(
      'status.period_reversed',
      `until: the ${end.status} period ends (${end.until}) before it starts (${end.from})`,
      'invalid',
      'until',
    );
  if (today !== undefined && end.until > today)
    throw new RegistryRuleViolation(
      'status.end_in_future',
      `until: ${end.until} is after today (${today}); record the day the ${end.status} period ended once it has`,
      'invalid',
      'until',
    );
  if (period.until === end.until) return [];
  // An end still to come was planned, not learnt: the day it really ended (not after today) replaces it.
  const planned = period.until !== null && today !== undefined && period.until > today;
  if (period.until !== null && !planned)
    throw new RegistryRuleViolation(
      'status.already_ended',
      `until: the ${end.status} period on record (${shown(period)}) already has its end`,
      'conflict',
      'until',
    );
  return [{ type: 'PersonStatusPeriodEnded', data: end }];
}
