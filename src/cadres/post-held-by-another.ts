import { PostHolder, seatHeldUntil } from './post-holders';
import { Position } from './registry-records';
import { RegistryRuleViolation } from './registry-rule-violation';

/**
 * A post recorded as held from a day someone else holds it then (their seat not yet free: no end
 * of term or end decided by that day) would give it two holders — a commune chair twice over.
 * The record names the sitting holder; their post is ended first (a removal case, or the end of
 * their term on record). The person's own earlier hold of it is theirs to record again.
 */
export function refusePostHeldByAnother(
  position: Position,
  personId: string,
  from: string,
  holders: readonly PostHolder[],
): void {
  const sitting = holders.find((holder) => {
    if (holder.personId === personId || holder.from > from) return false;
    const until = seatHeldUntil(holder);
    return until === null || until > from;
  });
  if (!sitting) return;
  const until = seatHeldUntil(sitting);
  throw new RegistryRuleViolation(
    'post.held_by_another',
    `positionId: ${position.title} (${position.id}) is held on ${from} by ${sitting.fullName} (${sitting.personId}) from ${sitting.from} ${until === null ? 'with no end of term recorded' : `until ${until}`}; one post has one holder: end that post first, or record this one from the day the seat fell free`,
    'conflict',
    'positionId',
  );
}
