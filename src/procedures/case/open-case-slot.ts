import { RecordedEvent } from '../../event-store/event-envelope';

/** What may have only one open case at a time: a procedure, for one person, to one post. */
export interface OpenCaseSlotKey {
  procedure: string;
  personId: string;
  positionId: string;
  /** The kinds of a procedure that run alongside its others keep their own slot (see SEPARATE_SLOTS). */
  lane?: string;
  /**
   * The procedure as the opener named it, when it differs from the slot's: a transfer (điều động)
   * runs as a rotation case and shares its slot, but its refusal names a transfer. No part of the
   * key: the slot's stream is named without it.
   */
  openedAs?: string;
}

/**
 * Definitions whose cases hold their own slot beside their procedure's: a suspension (tạm đình
 * chỉ) keeps the post and runs while a discipline case is weighed, alongside a dismissal of the
 * same person from the same post. Dismissal, resignation and relief all end the post and share
 * `removal`'s slot. Before, a suspension was refused 409 while a dismissal was open.
 */
const SEPARATE_SLOTS: Readonly<Record<string, string>> = { 'removal.suspension': 'suspension' };

/**
 * Definition families opened under a procedure of their own name but run as another's case: a
 * `transfer.*` case is a rotation case (the rotation module's `transfer` alias).
 */
const OPENED_AS: Readonly<Record<string, string>> = { transfer: 'transfer' };

/** The slot a case of this definition (`id` or `id@version`) holds. */
export function openCaseSlotOf(opening: {
  procedure: string;
  definitionId: string;
  personId: string;
  positionId: string;
}): OpenCaseSlotKey {
  const { procedure, personId, positionId } = opening;
  // A hand-written or very old opening may name no definition: it holds the shared slot.
  const definition = (opening.definitionId ?? '').split('@')[0];
  const lane = SEPARATE_SLOTS[definition];
  const openedAs = OPENED_AS[definition.split('.')[0]];
  return {
    procedure,
    personId,
    positionId,
    ...(lane ? { lane } : {}),
    ...(openedAs && openedAs !== procedure ? { openedAs } : {}),
  };
}

/**
 * The slots a case may hold, to release: its own, then for a kind with its own slot the shared one
 * (a suspension opened before suspensions had theirs claimed `removal`'s).
 */
export function slotsToRelease(opening: Parameters<typeof openCaseSlotOf>[0]): OpenCaseSlotKey[] {
  const { lane, ...shared } = openCaseSlotOf(opening);
  return lane ? [{ ...shared, lane }, shared] : [shared];
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
  `caseslot-${slot.procedure}${slot.lane ? `.${slot.lane}` : ''}/${encodeURIComponent(slot.personId)}/${encodeURIComponent(slot.positionId)}`;

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
