import { Position } from './registry-records';
import { RegistryRuleViolation } from './registry-rule-violation';

/**
 * Which posts the record's direct write may record. An elected post (`filledBy: election`: a
 * commune chair) is held by its council's vote, which an election case runs and carries onto the
 * record; written by hand, it is only the record of an election held before or outside the system
 * (a chair elected on paper), so the write says when the council elected the person (`electedOn`).
 * An appointed post has no such day. The day of an election already held is not after today.
 */
export function refuseUnelectedHold(
  position: Position,
  electedOn: string | undefined,
  today: string,
): void {
  const [first] = unelectedHoldViolations(position, electedOn, today);
  if (first) throw first;
}

/** Every rule of `refuseUnelectedHold` the write breaks (an import lists them all). */
export function unelectedHoldViolations(
  position: Position,
  electedOn: string | undefined,
  today: string,
): RegistryRuleViolation[] {
  const violations: RegistryRuleViolation[] = [];
  if (position.filledBy === 'election' && electedOn === undefined)
    violations.push(
      new RegistryRuleViolation(
        'post.held_by_election',
        `positionId: ${position.title} (${position.id}) is filled by election (bầu cử): run an election case (procedure election), or, to record an election held outside the system, give electedOn, the day the council elected the person`,
        'unprocessable',
        'positionId',
      ),
    );
  if (position.filledBy !== 'election' && electedOn !== undefined)
    violations.push(
      new RegistryRuleViolation(
        'post.not_elected',
        `electedOn: ${position.title} (${position.id}) is filled by ${position.filledBy}, not by election; leave electedOn out`,
        'unprocessable',
        'electedOn',
      ),
    );
  const afterToday = electionAfterToday(electedOn, today);
  if (afterToday) violations.push(afterToday);
  return violations;
}

/** The day a council elected the person is one already past: an election is recorded once held. */
export function electionAfterToday(
  electedOn: string | undefined,
  today: string,
): RegistryRuleViolation | null {
  return electedOn !== undefined && electedOn > today
    ? new RegistryRuleViolation(
        'person.date_in_the_future',
        `electedOn: ${electedOn} is after today (${today}); record an election once it has been held`,
        'invalid',
        'electedOn',
      )
    : null;
}
