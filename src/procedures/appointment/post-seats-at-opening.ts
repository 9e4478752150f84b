import { othersSittingOn, seatsHeldMessage, seatsOf } from '../../cadres/post-seats';
import { PostHolder } from '../../cadres/post-holders';
import { Position } from '../../cadres/registry.service';
import { DomainRuleViolation } from '../case/decider/domain-rule-violation';

/**
 * A case that would put a person into a post whose seats are all taken on its opening day is
 * refused then, not after every step (an appointment, a rotation or a transfer into a head post
 * someone holds): the registry would refuse the record of a holder past the post's seats
 * (`post.held_by_another`, post-held-by-another.ts). A holder whose term ends or whose post a
 * decision ends on or before that day has freed the seat; the person's own hold is theirs. A post
 * without a seat limit (`seatsOf`: an appointed post with no `seats`) is not read at all.
 */
export async function refuseSeatsFullAtOpening(
  holdersOn: (positionId: string, day: string) => Promise<PostHolder[]>,
  position: Position,
  personId: string | null,
  today: string,
): Promise<void> {
  const seats = seatsOf(position);
  if (seats === null) return;
  const sitting = othersSittingOn(await holdersOn(position.id, today), personId, today);
  if (sitting.length < seats) return;
  throw new DomainRuleViolation(
    'post.held_by_another',
    `${seatsHeldMessage(position, today, seats, sitting)}, the day the case opens: the post has no seat free to fill; end one of those posts first (a removal case, or the end of a term on record), or open the case when a seat falls free`,
    'unprocessable',
    'positionId',
    { seats, holders: sitting },
  );
}
