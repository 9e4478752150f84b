import { RecordedEvent } from '../../event-store/event-envelope';
import { DisciplineTrack } from './discipline.events';
import { canonicalViolationCategory } from './violation-category-names';

/** One violation of one person, as the once-per-track rule tells violations apart, on a track. */
export interface ViolationKey {
  personId: string;
  track: DisciplineTrack;
  category: string;
  committedOn: string;
}

export type ViolationClaimEvent =
  | { type: 'ViolationClaimed'; data: { caseId: string } }
  | { type: 'ViolationClaimReleased'; data: { caseId: string; reason: string } };

/**
 * The reservation stream of a violation on a track. Its kind has no hyphen (stream names are
 * `<kind>-<id>`, see audit/stream-name.ts); the person id is escaped and the parts joined by `/`,
 * which an escaped id never holds. The category is its current code (`land` is `land_management`):
 * an opening under the old code and one under the new meet on one stream.
 */
export const violationClaimStream = (key: ViolationKey): string =>
  `violationclaim-${key.track}/${encodeURIComponent(key.personId)}/${canonicalViolationCategory(key.category)}/${key.committedOn}`;

export interface ViolationClaimHolder {
  caseId: string;
  /** When the store recorded the claim (ISO 8601). */
  claimedAt: string;
}

/** The case holding the violation according to its stream, or null when none does. */
export function violationClaimHolder(
  events: readonly RecordedEvent[],
): ViolationClaimHolder | null {
  let holder: ViolationClaimHolder | null = null;
  for (const event of events) {
    const { caseId } = event.data as { caseId: string };
    if (event.type === 'ViolationClaimed') holder = { caseId, claimedAt: event.recordedAt };
    else if (event.type === 'ViolationClaimReleased' && holder?.caseId === caseId) holder = null;
  }
  return holder;
}
