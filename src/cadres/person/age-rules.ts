import { RuleSet, RuleTrack, ruleCitation, ruleValue } from '../../workflow/rule-sets/rule-set';
import { wholeYearsBetween } from '../../workflow/rules/retirement';
import { CitedLimit } from '../planning/planning-pool-limits';
import { RegistryRuleViolation } from '../registry-rule-violation';
import { PersonRegistered } from './person.events';

/** The ages a record's days are checked against, from the rule sets in force on the day of the change. */
export interface PersonAgeRules {
  /** `registry.minimumAge` (State track, Luật Cán bộ, công chức): the youngest cadre or civil servant. */
  minimumAge: CitedLimit;
  /** `party.minimumJoiningAge` (Party track, Điều lệ Đảng art. 1): the youngest age to join the Party. */
  partyJoiningAge: CitedLimit;
  /** The day the record is made (its business time). */
  day: string;
}

const cited = (ruleSet: RuleSet, name: string): CitedLimit => ({
  value: ruleValue<number>(ruleSet, name),
  citation: ruleCitation(ruleSet, name),
});

/**
 * The ages in force on a day: the State track's minimum age for a cadre or civil servant and the
 * Party track's joining age, each from the rule set of its own track.
 */
export function ageRulesOn(
  rules: { ruleSetOn(day: string, track: RuleTrack): RuleSet | undefined },
  day: string,
): PersonAgeRules {
  const state = rules.ruleSetOn(day, 'state');
  const party = rules.ruleSetOn(day, 'party');
  if (!state || !party)
    throw new RegistryRuleViolation(
      'rule_set.none_in_force',
      `no rule set is in force on ${day}`,
      'unprocessable',
    );
  return {
    minimumAge: cited(state, 'registry.minimumAge'),
    partyJoiningAge: cited(party, 'party.minimumJoiningAge'),
    day,
  };
}

/**
 * A person the registry can hold: of the minimum age for a cadre or civil servant on the day the
 * record is made (tuyển dụng: "đủ 18 tuổi trở lên"), and a Party member only from the joining age on.
 */
export function refuseUnderage(data: PersonRegistered['data'], rules: PersonAgeRules): void {
  const [first] = underageViolations(data, rules);
  if (first) throw first;
}

/**
 * Every age rule of `refuseUnderage` the registration breaks (an import lists them all). A Party
 * joining day before the birth is out of order (`person.dates_out_of_order`), not under age.
 */
export function underageViolations(
  data: PersonRegistered['data'],
  rules: PersonAgeRules,
): RegistryRuleViolation[] {
  const { dateOfBirth, partyJoinedOn } = data;
  const violations: RegistryRuleViolation[] = [];
  const age = wholeYearsBetween(dateOfBirth, rules.day);
  if (age < rules.minimumAge.value)
    violations.push(
      new RegistryRuleViolation(
        'person.under_minimum_age',
        `dateOfBirth: born ${dateOfBirth}, ${Math.max(age, 0)} years old on ${rules.day}; a cadre or civil servant is at least ${rules.minimumAge.value} (${rules.minimumAge.citation})`,
        'unprocessable',
        'dateOfBirth',
      ),
    );
  if (
    partyJoinedOn !== undefined &&
    partyJoinedOn >= dateOfBirth &&
    wholeYearsBetween(dateOfBirth, partyJoinedOn) < rules.partyJoiningAge.value
  )
    violations.push(
      new RegistryRuleViolation(
        'person.party_joined_under_age',
        `partyJoinedOn: ${partyJoinedOn} is before the ${rules.partyJoiningAge.value}th birthday (born ${dateOfBirth}); the Party admits members from ${rules.partyJoiningAge.value} (${rules.partyJoiningAge.citation})`,
        'unprocessable',
        'partyJoinedOn',
      ),
    );
  return violations;
}
