import { PostHeld } from '../../cadres/person/person.state';
import { QUALITY_RATINGS, QualityRating } from '../../cadres/person/person-profile.events';
import { DomainRuleViolation } from '../case/decider/domain-rule-violation';
import { RuleSet, ruleCitation, ruleValue } from '../../workflow/rule-sets/rule-set';

/** The least yearly rating a re-appointment needs in every year of the term it renews. */
export const MIN_TERM_RATING = 'reappointment.minTermRating';

export interface YearRated {
  year: number;
  rating: QualityRating;
  decisionRef?: string;
}

type EndedPost = PostHeld & { endedOn: string };

/** The term a re-appointment renews: the post held now, or its last holding once it has ended. */
function termRenewed(
  person: { posts: PostHeld[]; pastPosts: EndedPost[] },
  positionId: string,
): { from: string; until: string } | null {
  const held = person.posts.find((post) => post.positionId === positionId && post.termEnd);
  if (held) return { from: held.from, until: held.termEnd! };
  const last = person.pastPosts
    .filter((post) => post.positionId === positionId)
    .sort((a, b) => b.endedOn.localeCompare(a.endedOn))[0];
  return last ? { from: last.from, until: last.endedOn } : null;
}

const yearOf = (day: string) => Number(day.slice(0, 4));
const ratingWords = (rating: QualityRating) => rating.replace(/_/g, ' ');

/** The years of the term renewed rated below the rule set's least, as the refusal names them. */
export interface TermRatedBelow {
  message: string;
  years: number[];
  least: QualityRating;
}

/** The record of the person whose term a re-appointment renews, as the rating rule reads it. */
export interface TermRecord {
  posts: PostHeld[];
  pastPosts: EndedPost[];
  ratings: readonly YearRated[];
}

/**
 * A holder is re-appointed only when rated as completing their duties in the term held (Quy định
 * 377-QĐ/TW art. 40; Nghị định 138/2020 art. 49 for civil servants): every year of the term on
 * the record — each calendar year the term runs in — rated at least `reappointment.minTermRating`.
 * A year not yet rated is not below it. A rule set without the parameter (the whole sets cases
 * pinned before it, `vn-2022`, `vn-2025`) asks nothing, as it did. Null when nothing is below.
 */
export function termRatedBelow(
  person: TermRecord,
  positionId: string,
  ruleSet: RuleSet,
): TermRatedBelow | null {
  if (!ruleSet.params[MIN_TERM_RATING]) return null;
  const term = termRenewed(person, positionId);
  if (!term) return null;
  const least = ruleValue<QualityRating>(ruleSet, MIN_TERM_RATING);
  // QUALITY_RATINGS runs from the best (excellent) to the worst (not_completed).
  const below = person.ratings
    .filter((rated) => rated.year >= yearOf(term.from) && rated.year <= yearOf(term.until))
    .filter((rated) => QUALITY_RATINGS.indexOf(rated.rating) > QUALITY_RATINGS.indexOf(least))
    .sort((a, b) => a.year - b.year);
  if (!below.length) return null;
  const years = below.map(
    (rated) =>
      `${ratingWords(rated.rating)} in ${rated.year}${rated.decisionRef ? ` (${rated.decisionRef})` : ''}`,
  );
  return {
    message: `the holder was rated ${years.join(', ')}, in the term of ${positionId} from ${term.from} to ${term.until}: re-appointment needs every year of the term rated ${ratingWords(least)} or better (${ruleCitation(ruleSet, MIN_TERM_RATING)})`,
    years: below.map((rated) => rated.year),
    least,
  };
}

/** The decision is refused while a year of the term is rated below the least (`termRatedBelow`). */
export function refuseTermRatedBelow(
  person: TermRecord,
  positionId: string,
  ruleSet: RuleSet,
): void {
  const below = termRatedBelow(person, positionId, ruleSet);
  if (!below) return;
  throw new DomainRuleViolation(
    'reappointment.term_rated_below',
    below.message,
    'unprocessable',
    undefined,
    { years: below.years, least: below.least },
  );
}
