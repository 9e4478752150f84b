import { randomUUID } from 'node:crypto';
import { EventMetadata, NewEvent, RecordedEvent } from '../event-store/event-envelope';
import { EventStore, StreamAppend } from '../event-store/event-store.port';
import { plannedEventLanded } from '../event-store/planned-event-landed';

/**
 * The claim event of each kind of seat stream, and the event taking one of its claims back: a
 * post's seats (`postseat-<post>`) and a post's planning pool for a term
 * (`planningseat-<post>/<term>`). Each keeps its own pair of names, so that a stream's history
 * reads as the seats it is about.
 */
const WITHDRAWAL_OF_CLAIM = {
  PostSeatClaimed: 'PostSeatClaimWithdrawn',
  PlanningPoolSeatClaimed: 'PlanningPoolSeatClaimWithdrawn',
} as const;

export type SeatClaimType = keyof typeof WITHDRAWAL_OF_CLAIM;

/** Why a claim was withdrawn: the write it was made for was refused after it. */
export type SeatClaimWithdrawalReason = 'record_not_written' | 'decision_not_written';

/** A claim event as appended on its seat stream (its type says which kind of seat). */
export type SeatClaimEvent = Pick<NewEvent, 'id' | 'type' | 'data'>;

/** A claim this process appended on a seat stream, to withdraw if its write is then refused. */
export interface SeatClaimMade {
  seatStream: string;
  claim: SeatClaimEvent;
}

function withdrawalTypeOf(claimType: string): string {
  const withdrawal = (WITHDRAWAL_OF_CLAIM as Record<string, string>)[claimType];
  // A programming error: only the claims above are made on seat streams.
  if (!withdrawal) throw new Error(`${claimType} is not a seat claim`);
  return withdrawal;
}

/**
 * The claims of type `claimType` a seat stream holds, oldest first: each not withdrawn since (its
 * withdrawal names its id: the write it was made for was refused).
 */
export function claimsNotWithdrawn(
  events: readonly RecordedEvent[],
  claimType: SeatClaimType,
): RecordedEvent[] {
  const withdrawalType = WITHDRAWAL_OF_CLAIM[claimType];
  const withdrawn = new Set(
    events
      .filter((event) => event.type === withdrawalType)
      .map((event) => (event.data as { claimId: string }).claimId),
  );
  return events.filter((event) => event.type === claimType && !withdrawn.has(event.id));
}

/**
 * The event taking back a claim (`claimId`: the claim event's id; `claimant`, and a post seat's
 * `from`, repeated so that the seat stream reads on its own), once the write it was made for was
 * refused: without it the claim held the seat for a minute (the claims' ABANDONED_CLAIM_MS) for
 * someone who never held the post or stood in its pool.
 */
export function seatClaimWithdrawal(
  claim: SeatClaimEvent,
  reason: SeatClaimWithdrawalReason,
  metadata: EventMetadata,
): NewEvent {
  const { claimant, from } = claim.data as { claimant: string; from?: string };
  return {
    id: randomUUID(),
    type: withdrawalTypeOf(claim.type),
    data: { claimId: claim.id, claimant, ...(from === undefined ? {} : { from }), reason },
    metadata,
  };
}

/**
 * Appends the withdrawal of `claim` on its seat stream at any revision: a withdrawal only frees a
 * seat, and a claim counting the seats meanwhile has its append refused and counts again.
 */
export async function appendSeatClaimWithdrawal(
  store: Pick<EventStore, 'append'>,
  seatStream: string,
  claim: SeatClaimEvent,
  reason: SeatClaimWithdrawalReason,
  metadata: EventMetadata,
): Promise<void> {
  const withdrawal = seatClaimWithdrawal(claim, reason, metadata);
  await store.append(seatStream, [withdrawal], { expectedRevision: 'any' });
}

/**
 * Takes back a claim this process made (none: nothing) whose write was refused after it (a stale
 * If-Match, another writer first): at once, not a minute later, when the claim would stop
 * counting. Until then others were refused the seat in the name of someone never written there.
 */
export async function withdrawSeatClaim(
  store: Pick<EventStore, 'append'>,
  made: SeatClaimMade | null,
  reason: SeatClaimWithdrawalReason,
  metadata: EventMetadata,
): Promise<void> {
  if (!made) return;
  await appendSeatClaimWithdrawal(store, made.seatStream, made.claim, reason, metadata);
}

/**
 * Withdraws the claim `planned` appended (`postSeatClaimAppend`) if it is on its seat stream: a
 * write that went stream by stream (a store whose multi-stream write is not all or nothing) may
 * have left it there without the write it was made for. Nothing when it is not there.
 */
export async function withdrawClaimIfWritten(
  store: Pick<EventStore, 'readStream' | 'append'>,
  planned: StreamAppend,
  reason: SeatClaimWithdrawalReason,
  metadata: EventMetadata,
): Promise<boolean> {
  const claim = await plannedEventLanded(store, planned);
  if (!claim) return false;
  await appendSeatClaimWithdrawal(store, planned.streamId, claim, reason, metadata);
  return true;
}
