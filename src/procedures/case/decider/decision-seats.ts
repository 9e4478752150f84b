import { othersSittingOn, seatsHeldMessage } from '../../../cadres/post-seats';
import { refuse } from '../../../workflow/step-engine';
import { CaseContext } from './case.context';
import { Body, Open } from './case.types';
import { movesThePerson } from './decision-posts';

/**
 * The opening refuses a post whose seats are all held that day, but cases for different people
 * may open while a seat is free (the open-case slot is per person and post): the first decision
 * fills it, and the second would give the post a holder past its seats (two heads of one
 * department). So the decision is refused when, on its effective day, others hold every seat: a
 * holder whose post a decision ends on or before that day has freed theirs, the appointee's own
 * hold is theirs. The handler reads the holders (`CaseContext.seatsOnEffectiveDay`); a post
 * without a seat limit gives none.
 */
export function refuseSeatsFullOnEffectiveDay(
  state: Open,
  body: Body<'decision'>,
  context: CaseContext,
): void {
  const read = context.seatsOnEffectiveDay;
  if (!movesThePerson(state.procedure) || !read || read.day !== body.effectiveFrom) return;
  const { position, seats, holders } = read;
  const sitting = othersSittingOn(holders, state.appointee ?? state.personId, body.effectiveFrom);
  if (sitting.length < seats) return;
  refuse(
    'post.held_by_another',
    `${seatsHeldMessage(position, body.effectiveFrom, seats, sitting, 'effectiveFrom')}, the day the decision takes effect: another decision has filled the post since this case opened; end one of those posts first (a removal case), give the decision the day a seat falls free, or withdraw this case`,
    'unprocessable',
    'effectiveFrom',
    { seats, holders: sitting },
  );
}
