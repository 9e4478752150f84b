import { RuleSet } from '../../../workflow/rule-sets/rule-set';
import { termRatingShortfall } from '../../reappointment/term-ratings';
import { PersonFactsForVetting } from './case.context';
import { VettingEntry } from './case.events';
import { vettingFromRecord } from './vetting-from-record';

/**
 * A `term_rating` flag read from the record is settled by the record once every year of the term
 * over is rated on it and the record no longer says what the flag said (README: the flag holds
 * the decision back "until resolved, once the year is rated again"): the decision judges it
 * again on the record it read just now, and the rating rules apply from there
 * (`refuseTermRatedBelow`: a year rated below is refused as `reappointment.term_rated_below`, not
 * as the stale flag). Before, the flag kept its vetting-day text ("no rating on the record for
 * 2022, …") after the years were rated. A year still missing keeps it flagged, and so does a year
 * rated below that has not been rated again (the record says what the flag said); staff's own
 * flags and other items are not the record's to settle. Pure: the handler reads the record.
 */
export function termRatingSettledByRecord(
  entry: Pick<VettingEntry, 'item' | 'source' | 'note'>,
  facts: Pick<PersonFactsForVetting, 'termRecord' | 'target'> | undefined,
  ruleSet: RuleSet,
  today: string,
): boolean {
  if (entry.item !== 'term_rating' || entry.source !== 'record') return false;
  if (!facts?.termRecord) return false;
  const now = termRatingShortfall(facts.termRecord, facts.target.positionId, ruleSet, today);
  return !now || (now.unrated.length === 0 && now.message !== entry.note);
}

/**
 * The case's vetting as the record says it now, for the case view: a `term_rating` flag the
 * record has settled (`termRatingSettledByRecord`) is shown as the record judges it today
 * (cleared, or the year rated below), not with its vetting-day "no rating on the record for …",
 * so the view offers the decision exactly when the flag no longer holds it back.
 */
export function vettingAsRecordSaysNow<T extends VettingEntry & { resolved?: unknown }>(
  vetting: Record<string, T>,
  facts: PersonFactsForVetting | undefined,
  ruleSet: RuleSet,
  today: string,
): Record<string, T> {
  const flag = vetting.term_rating;
  if (!flag || flag.result !== 'flagged' || flag.resolved) return vetting;
  if (!facts || !termRatingSettledByRecord(flag, facts, ruleSet, today)) return vetting;
  const [now] = vettingFromRecord(facts, ruleSet, today, ['term_rating']);
  return { ...vetting, term_rating: { ...flag, result: now.result, note: now.note } };
}
