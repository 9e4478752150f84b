import { RegistryRuleViolation } from '../registry-rule-violation';
import { PersonAgeRules } from './age-rules';
import { PersonState } from './person.state';

type Registered = Extract<PersonState, { status: 'registered' }>;

/**
 * A year rated (đánh giá, xếp loại chất lượng hằng năm) is one the person worked as a cadre or
 * civil servant: not before they were born, and not before the year they reached the youngest age
 * one can be (`registry.minimumAge`, in force on the day of the record). Before: a year the person
 * was eleven was rated. A year before their first recorded post is not refused: the record holds
 * leadership posts only, and a civil servant is rated every year whether or not they hold one.
 * Without the ages (no rule-set catalog) only the birth is checked.
 */
export function refuseYearNotWorked(
  person: Registered,
  rating: { personId: string; year: number },
  ages: PersonAgeRules | undefined,
): void {
  const { dateOfBirth } = person.profile;
  const born = Number(dateOfBirth.slice(0, 4));
  // Before: 1950 for a person born in 1982.
  if (rating.year < born)
    throw new RegistryRuleViolation(
      'rating.before_birth',
      `year: ${rating.year} is before ${rating.personId} was born (${dateOfBirth})`,
      'invalid',
      'year',
    );
  if (!ages) return;
  const { value: minimumAge, citation } = ages.minimumAge;
  const ofAge = born + minimumAge;
  if (rating.year < ofAge)
    throw new RegistryRuleViolation(
      'rating.before_working_age',
      `year: ${rating.year} is before ${ofAge}, the year ${rating.personId} (born ${dateOfBirth}) turned ${minimumAge}: a cadre or civil servant is at least ${minimumAge} (${citation})`,
      'invalid',
      'year',
    );
}
