import { PostHolder } from '../../cadres/post-holders';
import { busiestDayOfHold, seatsHeldOnRecord } from '../../cadres/post-seats';
import { Position } from '../../cadres/registry-records';
import { DomainRuleViolation } from '../case/decider/domain-rule-violation';

/** The post's seat limit and every hold of it on the records, for a re-appointment to weigh. */
export interface ReappointmentSeats {
  position: Position;
  seats: number;
  holds: readonly PostHolder[];
}

/**
 * A re-appointment gives the person the post again from the end of the term it renews: when the
 * seat was already given to someone from then (a successor recorded from the term's end), a new term
 * would seat one holder too many — the successor and the old holder both in a head post. Refused at
 * the opening (the new term from the term's end, with no end known yet: `positionId`) and at the
 * decision (its `effectiveFrom` to the term's end it gives: `effectiveFrom`), naming the holders.
 */
export function refuseSeatGivenToAnother(
  { position, seats, holds }: ReappointmentSeats,
  personId: string,
  term: { from: string; until: string | null },
  field: 'positionId' | 'effectiveFrom',
): void {
  const { day, sitting } = busiestDayOfHold(holds, personId, term.from, term.until);
  if (sitting.length < seats) return;
  const span = term.until === null ? `from ${term.from}` : `from ${term.from} to ${term.until}`;
  throw new DomainRuleViolation(
    'post.held_by_another',
    `${field}: ${seatsHeldOnRecord(position, day, seats, sitting)}, within the new term ${span}: the seat is given to another from the end of the term renewed; end that post first (a removal case), or do not re-appoint`,
    'unprocessable',
    field,
    { seats, holders: sitting },
  );
}
