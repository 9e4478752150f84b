import { PostHolder } from './post-holders';
import { othersSittingOn, seatsHeldMessage, seatsOf } from './post-seats';
import { Position } from './registry-records';
import { RegistryRuleViolation } from './registry-rule-violation';

/**
 * A post recorded as held from a day its seats are all taken then by others (their seat not yet
 * free: no end of term or end decided by that day) would give it one holder too many — a commune
 * chair twice over, a second head of a department. The record names the sitting holders; one of
 * their posts is ended first (a removal case, or the end of their term on record). The person's own
 * earlier hold of it is theirs to record again. A post without a seat limit (`seatsOf`) takes any.
 */
export function refusePostHeldByAnother(
  position: Position,
  personId: string,
  from: string,
  holders: readonly PostHolder[],
): void {
  const seats = seatsOf(position);
  if (seats === null) return;
  const sitting = othersSittingOn(holders, personId, from);
  if (sitting.length < seats) return;
  throw new RegistryRuleViolation(
    'post.held_by_another',
    `${seatsHeldMessage(position, from, seats, sitting)}; the post has ${seats === 1 ? 'one holder' : `${seats} holders`} at a time: end one of those posts first, or record this one from the day a seat falls free`,
    'conflict',
    'positionId',
  );
}
