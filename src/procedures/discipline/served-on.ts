import { refuse } from '../../workflow/step-engine';

/**
 * The day a decision (or a decision on a complaint) was announced to the person: not before it
 * was signed, and not after today (the complaint window and, on the Party track, the validity run
 * from it, so a day still to come would start them before the person had it).
 */
export function servedOnDay(heldOn: string, servedOn: string | undefined, today: string): string {
  const served = servedOn ?? heldOn;
  if (served < heldOn)
    refuse(
      'decision.served_before_signed',
      `servedOn: ${served} is before the decision date ${heldOn}`,
      'invalid',
      'servedOn',
    );
  if (served > today)
    refuse(
      'decision.served_in_the_future',
      `servedOn: ${served} is after today (${today}); record the day the person received the decision once they have`,
      'invalid',
      'servedOn',
    );
  return served;
}
