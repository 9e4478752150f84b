import { placesAHolder } from './decision-posts';
import { refuseRetirementReached } from './retirement-reached-refusal';
import { CaseContext } from './case.context';
import { Body, Open } from './case.types';

/**
 * A decision that gives the person a post (a rotation or transfer, an election's confirmation, a
 * re-appointment) is refused, 422 `age.retirement_reached` on `effectiveFrom`, when the person has
 * reached the retirement age by its effective day (`retirement.age`, the day the vetting's years
 * to retirement counts to): there is no day of post to give. Before, only the opening looked at
 * the retirement day, on the opening's day, and a transfer opened a month before a retirement and
 * decided effective after it put a retired person into the post for a five-year term; so did a
 * case recorded from paper. An appointment (and a competitive examination, which runs as one)
 * refuses the same day under its own rule (`appointmentAtRetirement`), which clients key on.
 */
export function refuseHolderRetiredByEffectiveDay(
  state: Open,
  body: Body<'decision'>,
  context: CaseContext,
): void {
  if (!placesAHolder(state.procedure) || state.procedure === 'appointment') return;
  refuseRetirementReached(
    state.appointee ?? state.personId,
    context.personFacts,
    { ruleSet: context.ruleSet, day: body.effectiveFrom, today: context.today },
    'effectiveFrom',
  );
}
