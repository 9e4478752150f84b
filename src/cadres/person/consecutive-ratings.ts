import { QualityRating } from './person-profile.events';

/**
 * The latest run of consecutive years rated "did not complete duties" (không hoàn thành nhiệm
 * vụ) ending at `throughYear`, when it is at least `years` long: a ground for dismissal
 * (miễn nhiệm). `years` comes from the rule set of the procedure asking; a year without a rating
 * breaks the run. Returns the years of the run, oldest first, or null when there is no such run.
 */
export function consecutiveYearsNotCompleted(
  ratings: readonly { year: number; rating: QualityRating }[],
  throughYear: number,
  years: number,
): number[] | null {
  const byYear = new Map(ratings.map((r) => [r.year, r.rating]));
  const run: number[] = [];
  for (let year = throughYear; byYear.get(year) === 'not_completed'; year -= 1) run.unshift(year);
  return run.length >= years && years > 0 ? run : null;
}
