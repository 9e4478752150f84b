import { RecordedEvent } from '../event-envelope';
import { AllFrom, ReadAllFilter } from '../event-store.port';
import { comparePositions } from './postgres-position';

/** What one read of the log gives a subscription. */
export interface LogPage {
  /** The events after the position asked for that match the subscription's filter, in log order. */
  events: RecordedEvent[];
  /** How far the read looked: the next read starts after this, whether or not an event matched. */
  through: AllFrom;
  /** True when the read reached the safe head: nothing more to read until the next commit. */
  complete: boolean;
}

export function isAfter(position: string, from: AllFrom): boolean {
  return from === 'start' || comparePositions(position, from) > 0;
}

/**
 * Index of the first of `events` (in log order) after `from`, searching from `start`: a shared
 * read hands each of a dozen subscriptions its part of up to a thousand events, and comparing every
 * position with each caller's was a visible part of a bulk write's settling (issue 21).
 */
export function firstAfter(events: readonly RecordedEvent[], from: AllFrom, start = 0): number {
  let low = start;
  let high = events.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (isAfter(events[middle].position, from)) high = middle;
    else low = middle + 1;
  }
  return low;
}

export function laterOf(a: AllFrom, b: AllFrom | null): AllFrom {
  if (b === null || b === 'start') return a;
  return a === 'start' || comparePositions(b, a) > 0 ? b : a;
}

export function earliestOf(positions: AllFrom[]): AllFrom {
  return positions.reduce((earliest, position) =>
    position === 'start' || (earliest !== 'start' && comparePositions(position, earliest) < 0)
      ? position
      : earliest,
  );
}

/** The same test as the SQL filter of `readAllSafe` (`appendFilter`), on an event read as is. */
export function matchesFilter(event: RecordedEvent, filter: ReadAllFilter | undefined): boolean {
  if (!filter) return true;
  if (filter.streamPrefix !== undefined) {
    const prefixes = Array.isArray(filter.streamPrefix)
      ? filter.streamPrefix
      : [filter.streamPrefix];
    if (!prefixes.some((prefix) => event.streamId.startsWith(prefix))) return false;
  }
  return filter.eventTypes === undefined || filter.eventTypes.includes(event.type);
}
