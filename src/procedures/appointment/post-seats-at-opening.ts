import { busiestDayOfHold, seatsHeldMessage, seatsOf } from '../../cadres/post-seats';
import { PostHolder } from '../../cadres/post-holders';
import { Position } from '../../cadres/registry.service';
import { DomainRuleViolation } from '../case/decider/domain-rule-violation';

/**
 * A case that would put a person into a post whose seats are all taken is refused at its
 * opening, not after every step (an appointment, a rotation or a transfer into a head post
 * someone holds): the registry would refuse the record of a holder past the post's seats
 * (`post.held_by_another`, post-held-by-another.ts). The hold the case would give begins on a day
 * its decision sets and ends with a term it gives: from the opening day with no end is weighed,
 * so a successor recorded from a later day holds their seat from then (`busiestDayOfHold`;
 * before, the opening day alone was judged). A holder whose term ends or whose post a decision
 * ends on or before a day has freed the seat; the person's own hold is theirs. A post without a
 * seat limit (`seatsOf`: an appointed post with no `seats`) is not read at all.
 */
export async function refuseSeatsFullAtOpening(
  holdsSince: (positionId: string, from: string) => Promise<PostHolder[]>,
  position: Position,
  personId: string | null,
  today: string,
): Promise<void> {
  const seats = seatsOf(position);
  if (seats === null) return;
  const holds = await holdsSince(position.id, today);
  const { day, sitting } = busiestDayOfHold(holds, personId, today, null);
  if (sitting.length < seats) return;
  const when =
    day === today
      ? 'the day the case opens'
      : `within the hold the case would give from ${today}, the day the case opens`;
  throw new DomainRuleViolation(
    'post.held_by_another',
    `${seatsHeldMessage(position, day, seats, sitting)}, ${when}: the post has no seat free to fill; end one of those posts first (a removal case, or the end of a term on record), or open the case when a seat falls free`,
    'unprocessable',
    'positionId',
    { seats, holders: sitting },
  );
}
