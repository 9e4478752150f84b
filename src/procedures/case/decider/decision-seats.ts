import { busiestDayOfHold, seatsHeldMessage } from '../../../cadres/post-seats';
import { refuse } from '../../../workflow/step-engine';
import { CaseContext } from './case.context';
import { Body, Open } from './case.types';
import { movesThePerson } from './decision-posts';

/**
 * The opening refuses a post whose seats are all held, but cases for different people may open
 * while a seat is free (the open-case slot is per person and post): the first decision fills it,
 * and the second would give the post a holder past its seats (two heads of one department). So
 * the decision is refused when, on some day of the hold it gives (from its effective day to the
 * end of the post's term, `termEnd`; null: no end), others hold every seat: a successor recorded
 * from a later day within it holds theirs from that day (`busiestDayOfHold`; before, only the
 * effective day was judged). A holder whose post a decision ends on or before a day has freed
 * theirs, the appointee's own hold is theirs. An election's confirmation is judged so too: the
 * council's vote saw the seat free, but a holder recorded since would share it. The handler reads
 * the holds (`CaseContext.seatsFromEffectiveDay`); a post without a seat limit gives none.
 */
export function refuseSeatsFullOnEffectiveDay(
  state: Open,
  body: Body<'decision'>,
  context: CaseContext,
  termEnd: string | null,
): void {
  const read = context.seatsFromEffectiveDay;
  // A re-appointment weighs its seat in its own module (refuseSeatGivenToAnother).
  const judged = movesThePerson(state.procedure) || state.procedure === 'election';
  if (!judged || !read || read.day !== body.effectiveFrom) return;
  const { position, seats, holds } = read;
  const appointee = state.appointee ?? state.personId;
  const { day, sitting } = busiestDayOfHold(holds, appointee, body.effectiveFrom, termEnd);
  if (sitting.length < seats) return;
  const when =
    day === body.effectiveFrom
      ? 'the day the decision takes effect'
      : `within the term the decision gives (${body.effectiveFrom} to ${termEnd ?? 'no end'})`;
  refuse(
    'post.held_by_another',
    `${seatsHeldMessage(position, day, seats, sitting, 'effectiveFrom')}, ${when}: ${state.procedure === 'election' ? "the post was filled since the council's election" : 'another decision has filled the post since this case opened'}; end one of those posts first (a removal case), give the decision the day a seat falls free, or withdraw this case`,
    'unprocessable',
    'effectiveFrom',
    { seats, holders: sitting },
  );
}
