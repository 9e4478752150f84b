import { RuleSet, ruleCitation, ruleValue } from '../../workflow/rule-sets/rule-set';
import { retirementDate } from '../../workflow/rules/retirement';
import { RegistryRuleViolation } from '../registry-rule-violation';
import type { CitedLimit } from './planning-pool-limits';

/** The rule set's name for the working time a planned person must still have before retirement. */
export const WORKING_TIME_RULE = 'planning.minTermsBeforeRetirement';

/**
 * What a new planning entry's age is judged by: how many full terms (`planning.termYears` each)
 * the person must still be able to work before retiring (`planning.minTermsBeforeRetirement`),
 * and the retirement day under the same rule set's schedule (`retirement.age`).
 */
export interface PlanningWorkingTime {
  minTerms: CitedLimit;
  retiresOn(dateOfBirth: string, gender: 'male' | 'female'): string;
}

export function planningWorkingTime(ruleSet: RuleSet): PlanningWorkingTime {
  return {
    minTerms: {
      value: ruleValue<number>(ruleSet, WORKING_TIME_RULE),
      citation: ruleCitation(ruleSet, WORKING_TIME_RULE),
    },
    retiresOn: (dateOfBirth, gender) => retirementDate(ruleSet, dateOfBirth, gender),
  };
}

/** The last day of `months` months worked from `day` on (1 Jan 2030, 60 months: 31 Dec 2034). */
function lastDayOfMonthsFrom(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1 + months, d - 1)).toISOString().slice(0, 10);
}

/**
 * The day the working time is counted from: the first day of the term (`2030-2035` from 1 Jan
 * 2030), or the day of the planning decision for a term already running (a review's `reviewedOn`,
 * not the day it is recorded: a review of January entered in December plans from January). Counting a running term
 * from its start would plan someone who cannot serve a full term once appointed from the pool: an
 * appointment from the pool comes on or after the planning day, and it asks the same full term
 * then (`appointment.minYearsToRetirement`), so the place would be held for nobody.
 */
export function workingTimeCountedFrom(term: string, day: string): string {
  const start = `${term.slice(0, 4)}-01-01`;
  return start > day ? start : day;
}

/** Whose working time is judged: the retirement day follows from birth and gender. */
export interface PlannedPerson {
  personId: string;
  dateOfBirth: string;
  gender: 'male' | 'female';
}

/**
 * Refuses planning a person who would retire before working the share of a term the rule set
 * asks for, counted from `workingTimeCountedFrom` (before: a man retired on 30 Nov 2025 was put
 * into the 2025-2030 pool and took one of the post's places).
 */
export function assertEnoughWorkingTime(
  person: PlannedPerson,
  term: string,
  limits: {
    workingTime: PlanningWorkingTime;
    termYears: CitedLimit;
    day: string;
    /** The planning decision's own day when it is not the day of the change (a review's `reviewedOn`). */
    decidedOn?: string;
  },
  /** A review names its row (`added[0].personId`), the person's own entry `personId`. */
  field = 'personId',
): void {
  const { minTerms, retiresOn } = limits.workingTime;
  const from = workingTimeCountedFrom(term, limits.decidedOn ?? limits.day);
  // A share of a term (2/3 of 5 years) is counted in whole months.
  const months = Math.round(minTerms.value * limits.termYears.value * 12);
  const through = lastDayOfMonthsFrom(from, months);
  const retires = retiresOn(person.dateOfBirth, person.gender);
  if (retires < through)
    throw new RegistryRuleViolation(
      'planning.not_enough_working_time',
      `${field}: ${person.personId} retires on ${retires}, before ${through}; planned for the term ${term}, a person must still have ${months % 12 === 0 ? `${months / 12} years` : `${months} months`} of working time from ${from} (${minTerms.citation})`,
      'unprocessable',
      field,
    );
}

/**
 * A review's additions (in `added` order), each named by its row and counted from the review's
 * own day, judged before the review writes anything: refused at apply, its removals would stand.
 */
export function assertReviewAdditionsHaveWorkingTime(
  review: { term: string; reviewedOn: string },
  added: readonly PlannedPerson[],
  limits: { workingTime: PlanningWorkingTime; termYears: CitedLimit },
  day: string,
): void {
  const counted = { ...limits, day, decidedOn: review.reviewedOn };
  for (const [index, person] of added.entries())
    assertEnoughWorkingTime(person, review.term, counted, `added[${index}].personId`);
}
