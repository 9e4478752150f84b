import { RuleSet } from '../../../workflow/rule-sets/rule-set';
import { termRatingShortfall } from '../../reappointment/term-ratings';
import { PersonFactsForVetting } from './case.context';
import { VettingEntry } from './case.events';

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
