import { PostHolder } from './post-holders';
import { busiestDayOfHold, seatsHeldMessage, seatsOf } from './post-seats';
import { Position } from './registry-records';
import { RegistryRuleViolation } from './registry-rule-violation';

/**
 * A post recorded as held [from, termEnd) (no end: to no day) while, on some day of that period, its seats are all
 * taken by others (their seat not yet free: no end of term or end decided by that day) would give
 * it one holder too many — a commune chair twice over, a second head of a department. Every hold
 * of the post on record counts, one beginning after `from` too (`busiestDayOfHold`): before, a
 * holder recorded from a later day went unseen. The refusal names the day and the holders; one of
 * their posts is ended first (a removal case, or the end of their term on record). The person's own
 * hold of it is theirs to record again. A post without a seat limit (`seatsOf`) takes any.
 */
export function refusePostHeldByAnother(
  position: Position,
  personId: string,
  from: string,
  holds: readonly PostHolder[],
  termEnd: string | null = null,
): void {
  const seats = seatsOf(position);
  if (seats === null) return;
  const { day, sitting } = busiestDayOfHold(holds, personId, from, termEnd);
  if (sitting.length < seats) return;
  throw new RegistryRuleViolation(
    'post.held_by_another',
    `${seatsHeldMessage(position, day, seats, sitting)}; the post has ${seats === 1 ? 'one holder' : `${seats} holders`} at a time: end one of those posts first, or record this one from the day a seat falls free`,
    'conflict',
    'positionId',
  );
}
