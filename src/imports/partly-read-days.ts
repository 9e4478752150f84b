import { electionAfterToday } from '../cadres/elected-post-record';
import { impossibleRegistrationDays, reversedTerm } from '../cadres/person/person-dates';
import { PersonRegistered } from '../cadres/person/person.events';
import { personDaysAfterToday } from '../cadres/person/registration-violations';
import { RegistryRuleViolation } from '../cadres/registry-rule-violation';
import { problemAt } from './import-plan';
import { ReadRow } from './parse-rows';
import { RowProblem } from './row-problem';

/**
 * The day rules a person or post row with a cell that could not be read breaks in the cells that
 * could: a clerk meets a birth day after today together with the unreadable Party joining day,
 * not after fixing it. A rule needing a cell left unread is not judged. They read no record, so
 * a row outside the grant, judged on none, is told them too (a term ending before it starts).
 */
export function partlyReadDayProblems(row: ReadRow, today: string): RowProblem[] {
  const v = row.values;
  const day = (field: string) => (typeof v[field] === 'string' ? (v[field] as string) : undefined);
  const violations: RegistryRuleViolation[] = [];
  if (row.kind === 'people') {
    const dateOfBirth = day('dateOfBirth');
    const partyJoinedOn = day('partyJoinedOn');
    violations.push(...personDaysAfterToday({ dateOfBirth, partyJoinedOn }, today));
    if (dateOfBirth !== undefined && typeof v.partyMember === 'boolean')
      violations.push(
        ...impossibleRegistrationDays({
          dateOfBirth,
          partyJoinedOn,
          partyMember: v.partyMember,
        } as PersonRegistered['data']),
      );
  }
  if (row.kind === 'posts') {
    const afterToday = electionAfterToday(day('electedOn'), today);
    if (afterToday) violations.push(afterToday);
    const from = day('from');
    const termEnd = day('termEnd');
    if (from !== undefined && termEnd !== undefined)
      violations.push(...reversedTerm({ from, termEnd }));
  }
  return violations.map((violation) =>
    problemAt(row, violation.field, violation.rule, violation.message),
  );
}
