import { Position } from '../../cadres/registry.service';
import { PostHolder, seatHeldUntil } from '../../cadres/post-holders';
import { WorkingDayCalendar } from '../../workflow/calendar/working-day-calendar';
import { ProcedureDefinition } from '../../workflow/definitions/procedure-definition';
import { dueFrom } from '../../workflow/step-engine';
import { DomainRuleViolation } from '../case/decider/domain-rule-violation';

/**
 * The day the council's vote (the definition's `election` step) is due when each step before it
 * is taken on its own deadline from the opening day; null when a step before it has no deadline
 * (the vote could be any day).
 */
export function councilVoteDueBy(
  definition: ProcedureDefinition,
  openedOn: string,
  calendar: WorkingDayCalendar,
): string | null {
  let day = openedOn;
  for (const step of definition.steps) {
    const due = dueFrom(step, day, calendar);
    if (due === null) return null;
    day = due;
    if (step.kind === 'election') return day;
  }
  return null;
}

/**
 * The seat is refused at opening as the council's vote would refuse it (election.post_not_free,
 * `case.election.ts`): another person holds the post with a term that runs past the day the
 * council's vote is due (or with no end recorded), so a council elected on time could only elect
 * into an occupied seat. The post's own holder may be introduced again (tái cử), and a holder
 * whose term ends by the vote's due day leaves the council's election to judge the seat. The vote
 * still checks it, since the seat may fill meanwhile.
 */
export function refuseSeatTakenAtOpening(
  nomineeId: string,
  position: Position,
  holders: readonly PostHolder[],
  voteDueBy: string | null,
  definitionKey: string,
): void {
  const sitting = holders.find((holder) => {
    if (holder.personId === nomineeId) return false;
    const heldUntil = seatHeldUntil(holder);
    return heldUntil === null || (voteDueBy !== null && heldUntil > voteDueBy);
  });
  if (!sitting) return;
  const heldUntil = seatHeldUntil(sitting);
  const until = heldUntil === null ? 'with no end of term recorded' : `until ${heldUntil}`;
  throw new DomainRuleViolation(
    'election.post_not_free',
    `positionId: ${position.title} (${position.id}) is held by ${sitting.fullName} (${sitting.personId}) from ${sitting.from} ${until}, past the day the People's Council's vote is due (${voteDueBy ?? 'no deadline'}, by the deadlines of ${definitionKey}'s steps): the person elected would take a seat that is not free (election.nomination: Luật Tổ chức chính quyền địa phương 2025, a post the council elects is held for its term; text not checked); end that post first (a removal case), or open the nomination when the seat falls free by the council's vote`,
    'unprocessable',
    'positionId',
    { holder: sitting },
  );
}
