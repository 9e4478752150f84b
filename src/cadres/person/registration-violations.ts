import { RegistryRuleViolation } from '../registry-rule-violation';
import { PersonAgeRules, underageViolations } from './age-rules';
import { PersonRegistered } from './person.events';
import { impossibleRegistrationDays } from './person-dates';

/** A person's own days that are after today: a birth or a Party joining is recorded once it happened. */
export function personDaysAfterToday(
  days: { dateOfBirth?: string; partyJoinedOn?: string },
  today: string,
): RegistryRuleViolation[] {
  return (['dateOfBirth', 'partyJoinedOn'] as const).flatMap((field) => {
    const day = days[field];
    return day !== undefined && day > today
      ? [
          new RegistryRuleViolation(
            'person.date_in_the_future',
            `${field}: ${day} is after today (${today})`,
            'invalid',
            field,
          ),
        ]
      : [];
  });
}

/**
 * Every rule a registration breaks, each told once, as an import lists a row's problems: days
 * after today, days out of a life's order, and the ages in force (`ages`, when known). A person
 * born after today is told so, not that they are 0 years old: the age rule judges the living.
 */
export function registrationViolations(
  data: PersonRegistered['data'],
  today: string,
  ages?: PersonAgeRules,
): RegistryRuleViolation[] {
  const bornAfterToday = data.dateOfBirth > today;
  const underage = ages ? underageViolations(data, ages) : [];
  return [
    ...personDaysAfterToday(data, today),
    ...impossibleRegistrationDays(data),
    ...underage.filter((v) => !(bornAfterToday && v.rule === 'person.under_minimum_age')),
  ];
}
