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
 * A year not yet rated is not below it (the vetting flags it: `termRatingShortfall`). A rule set without the parameter (the whole sets cases
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
  const below = yearsBelow(person, term, least);
  if (!below.length) return null;
  return {
    message: `${ratedBelowWords(below)}, ${termRuleWords(positionId, term, least, ruleSet)}`,
    years: below.map((rated) => rated.year),
    least,
  };
}

/** What the vetting's `term_rating` item flags: years rated below the least, years not rated. */
export interface TermRatingShortfall {
  message: string;
  below: number[];
  unrated: number[];
}

/**
 * A year of the term without a rating on the record has not been shown to be "completed": the
 * vetting flags it, for staff to resolve with a note (a rating kept elsewhere) or the year to be
 * rated, rather than clearing it as if passed. Only the years of the term over by `today` are
 * asked for (a year is rated once it has run); a later year's rating is read when there is one.
 * The decision refuses only a year rated below (`refuseTermRatedBelow`): an unrated year is the
 * vetting's to settle. Null when nothing is below and nothing is missing, or nothing is asked.
 */
export function termRatingShortfall(
  person: TermRecord,
  positionId: string,
  ruleSet: RuleSet,
  today: string,
): TermRatingShortfall | null {
  if (!ruleSet.params[MIN_TERM_RATING]) return null;
  const term = termRenewed(person, positionId);
  if (!term) return null;
  const least = ruleValue<QualityRating>(ruleSet, MIN_TERM_RATING);
  const below = yearsBelow(person, term, least);
  const rated = new Set(person.ratings.map((entry) => entry.year));
  const lastOver = Math.min(yearOf(term.until), yearOf(today) - 1);
  const unrated: number[] = [];
  for (let year = yearOf(term.from); year <= lastOver; year++)
    if (!rated.has(year)) unrated.push(year);
  if (!below.length && !unrated.length) return null;
  const missing = `no rating on the record for ${unrated.join(', ')} (years of the term ended before ${today})`;
  const shortfall = below.length
    ? `${ratedBelowWords(below)}${unrated.length ? ` and has ${missing}` : ''}`
    : missing;
  return {
    message: `${shortfall}, ${termRuleWords(positionId, term, least, ruleSet)}`,
    below: below.map((rated) => rated.year),
    unrated,
  };
}

/** The years of the term rated below the least, earliest first. */
function yearsBelow(
  person: TermRecord,
  term: { from: string; until: string },
  least: QualityRating,
): YearRated[] {
  // QUALITY_RATINGS runs from the best (excellent) to the worst (not_completed).
  return person.ratings
    .filter((rated) => rated.year >= yearOf(term.from) && rated.year <= yearOf(term.until))
    .filter((rated) => QUALITY_RATINGS.indexOf(rated.rating) > QUALITY_RATINGS.indexOf(least))
    .sort((a, b) => a.year - b.year);
}

/** "the holder was rated not completed in 2023 (12-QĐ/TU)", as the refusal starts. */
const ratedBelowWords = (below: YearRated[]) =>
  `the holder was rated ${below
    .map(
      (rated) =>
        `${ratingWords(rated.rating)} in ${rated.year}${rated.decisionRef ? ` (${rated.decisionRef})` : ''}`,
    )
    .join(', ')}`;

/** "in the term of … from … to …: re-appointment needs every year …", as the refusal ends. */
const termRuleWords = (
  positionId: string,
  term: { from: string; until: string },
  least: QualityRating,
  ruleSet: RuleSet,
) =>
  `in the term of ${positionId} from ${term.from} to ${term.until}: re-appointment needs every year of the term rated ${ratingWords(least)} or better (${ruleCitation(ruleSet, MIN_TERM_RATING)})`;

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
