import { PostHolder, seatHeldUntil } from './post-holders';
import { Position } from './registry-records';

/** The bounds of a post's seat count (`POST /positions`, the migration's check). */
export const POST_SEATS_MIN = 1;
export const POST_SEATS_MAX = 50;

/**
 * How many people may hold the post at once, or null for no limit. A post the registry gives no
 * count keeps what posts meant before they had one: the council elects one person to an elected
 * post, while a unit's files put several people in one appointed post (its deputies, a
 * reorganisation's staff: the transfer batches move hundreds into one post).
 */
export function seatsOf(position: Position): number | null {
  if (position.seats !== undefined && position.seats !== null) return position.seats;
  return position.filledBy === 'election' ? 1 : null;
}

/**
 * The holders other than the person who sit in the post on `day`: held from that day or before,
 * their seat not free by it (no end of term, or a term or a decided end after it). A holder whose
 * post a decision ends on or before the day has freed the seat.
 */
export function othersSittingOn(
  holders: readonly PostHolder[],
  personId: string | null,
  day: string,
): PostHolder[] {
  return holders.filter((holder) => {
    if (holder.personId === personId || holder.from > day) return false;
    const until = seatHeldUntil(holder);
    return until === null || until > day;
  });
}

/** "held on <day> by 2 of 2 seats: A (p-a) from … with no end of term recorded, B …". */
export function seatsHeldMessage(
  position: Position,
  day: string,
  seats: number,
  sitting: readonly PostHolder[],
  /** The field the refusal names: the post's id, or the day it is asked for. */
  field = 'positionId',
): string {
  return `${field}: ${seatsHeldOnRecord(position, day, seats, sitting)}`;
}

/**
 * The day of a new hold [from, until) with the most other holders sitting at once, and those
 * holders (until null: no end). The count changes only where someone's hold begins, so the days
 * weighed are its first day and each day another hold begins within it: a holder recorded from a
 * later day (a successor from 1 December beside a hold from 1 November with no end) shares the
 * seat from their first day, not only from the new hold's.
 */
export function busiestDayOfHold(
  holds: readonly PostHolder[],
  personId: string | null,
  from: string,
  until: string | null,
): { day: string; sitting: PostHolder[] } {
  const laterStarts = holds
    .filter((hold) => hold.personId !== personId && hold.from > from)
    .filter((hold) => until === null || hold.from < until)
    .map((hold) => hold.from);
  let busiest = { day: from, sitting: othersSittingOn(holds, personId, from) };
  for (const day of [...new Set(laterStarts)].sort()) {
    const sitting = othersSittingOn(holds, personId, day);
    if (sitting.length > busiest.sitting.length) busiest = { day, sitting };
  }
  return busiest;
}

/**
 * "<title> (<id>) is held on <day> by 1 of 1 seat: A (p-a) from … until …": the holders named as
 * a refusal names them, for a sentence not about a request's field (a post not given back).
 */
export function seatsHeldOnRecord(
  position: Position,
  day: string,
  seats: number,
  sitting: readonly PostHolder[],
): string {
  const names = sitting.map((holder) => {
    const until = seatHeldUntil(holder);
    const term = until === null ? 'with no end of term recorded' : `until ${until}`;
    return `${holder.fullName} (${holder.personId}) from ${holder.from} ${term}`;
  });
  return `${position.title} (${position.id}) is held on ${day} by ${sitting.length} of ${seats} ${seats === 1 ? 'seat' : 'seats'}: ${names.join('; ')}`;
}
