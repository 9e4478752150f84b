import { PostHolder } from '../../cadres/post-holders';
import { busiestDayOfHold, seatsHeldOnRecord, seatsOf } from '../../cadres/post-seats';
import { Position } from '../../cadres/registry-records';
import { RegistryService } from '../../cadres/registry.service';
import { DomainRuleViolation } from '../case/decider/domain-rule-violation';

/** A day before any hold of a post on the records: read them all. */
const EVERY_HOLD = '1900-01-01';

/** The post's seat limit and every hold of it on the records, for an extension to weigh. */
export interface ExtensionSeats {
  position: Position;
  seats: number;
  holds: readonly PostHolder[];
}

/**
 * The post's seats and every hold of it, from the records (a fresh seat claim's too: the
 * projection lags); null for a post without a seat limit, which any number may hold.
 */
export async function extensionSeats(
  registry: Pick<RegistryService, 'postSeats'>,
  position: Position | null | undefined,
): Promise<ExtensionSeats | null> {
  const seats = position ? seatsOf(position) : null;
  if (!position || seats === null) return null;
  // Every hold ever: the extended days begin where the term ends, whenever that is.
  const holds = await registry.postSeats.holdsSince(position.id, EVERY_HOLD);
  return { position, seats, holds };
}

/**
 * An extension keeps the person in the post past the term's end, to retirement: when the seat
 * was given to someone from then (a successor recorded from the term's end), the extended days
 * would seat one holder too many — two heads of one department. Refused at the opening (from the
 * term's end to the retirement day the extension would give: `positionId`) and at the decision
 * (its `effectiveFrom` to the term's end it gives: `effectiveFrom`), naming the holders, as a
 * re-appointment is (`refuseSeatGivenToAnother`). The person's own hold is theirs.
 */
export function refuseExtendedTermHeldByAnother(
  { position, seats, holds }: ExtensionSeats,
  personId: string,
  term: { from: string; until: string },
  field: 'positionId' | 'effectiveFrom',
): void {
  const { day, sitting } = busiestDayOfHold(holds, personId, term.from, term.until);
  if (sitting.length < seats) return;
  throw new DomainRuleViolation(
    'post.held_by_another',
    `${field}: ${seatsHeldOnRecord(position, day, seats, sitting)}, within the extended term from ${term.from} to ${term.until}: the seat is given to another from the end of the term extended; end that post first (a removal case), or do not extend the term`,
    'unprocessable',
    field,
    { seats, holders: sitting },
  );
}
