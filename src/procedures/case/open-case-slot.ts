import { RecordedEvent } from '../../event-store/event-envelope';

/** What may have only one open case at a time: a procedure, for one person, to one post. */
export interface OpenCaseSlotKey {
  procedure: string;
  personId: string;
  positionId: string;
}

export type OpenCaseSlotEvent =
  | {
      type: 'OpenCaseSlotClaimed';
      /** `backfilled`: written for a case opened before slots existed (OpenCaseSlotBackfill). */
      data: { caseId: string; backfilled?: true };
    }
  | { type: 'OpenCaseSlotReleased'; data: { caseId: string; reason: string } };

/**
 * The reservation stream of a slot. Its kind has no hyphen (stream names are `<kind>-<id>`,
 * see audit/stream-name.ts), and person and post ids are escaped and joined by `/`, which an
 * escaped id never holds: ids may contain hyphens, so hyphens could make two slots one stream.
 */
export const openCaseSlotStream = (slot: OpenCaseSlotKey): string =>
  `caseslot-${slot.procedure}/${encodeURIComponent(slot.personId)}/${encodeURIComponent(slot.positionId)}`;

export interface SlotClaim {
  caseId: string;
  /** When the store recorded the claim (ISO 8601). */
  claimedAt: string;
}

/** The case that holds the slot according to its reservation stream, or null when it is free. */
export function slotHolder(events: readonly RecordedEvent[]): SlotClaim | null {
  let holder: SlotClaim | null = null;
  for (const event of events) {
    const data = event.data as { caseId: string };
    if (event.type === 'OpenCaseSlotClaimed')
      holder = { caseId: data.caseId, claimedAt: event.recordedAt };
    else if (event.type === 'OpenCaseSlotReleased' && holder?.caseId === data.caseId) holder = null;
  }
  return holder;
}
