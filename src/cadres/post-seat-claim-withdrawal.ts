import { randomUUID } from 'node:crypto';
import { EventMetadata, NewEvent } from '../event-store/event-envelope';
import { EventStore, StreamAppend } from '../event-store/event-store.port';

/** A seat stream's event taking back a claim (`postSeatClaimWithdrawal`). */
export const POST_SEAT_CLAIM_WITHDRAWN = 'PostSeatClaimWithdrawn';

/** Why a claim was withdrawn: the write it was made for was refused after it. */
export type PostSeatClaimWithdrawalReason = 'record_not_written' | 'decision_not_written';

/**
 * The event taking back a claim (`claimId`: the claim event's id; `claimant` and `from` repeated
 * so that the seat stream reads on its own), once the write it was made for was refused: without
 * it the claim held the seat for a minute (ABANDONED_CLAIM_MS) for someone who never held the post.
 */
export function postSeatClaimWithdrawal(
  claim: Pick<NewEvent, 'id' | 'data'>,
  reason: PostSeatClaimWithdrawalReason,
  metadata: EventMetadata,
): NewEvent {
  const { claimant, from } = claim.data as { claimant: string; from: string };
  return {
    id: randomUUID(),
    type: POST_SEAT_CLAIM_WITHDRAWN,
    data: { claimId: claim.id, claimant, from, reason },
    metadata,
  };
}

/**
 * Appends the withdrawal of `claim` on its seat stream at any revision: a withdrawal only frees a
 * seat, and a claim counting the holds meanwhile has its append refused and counts again.
 */
export async function appendPostSeatClaimWithdrawal(
  store: Pick<EventStore, 'append'>,
  seatStream: string,
  claim: Pick<NewEvent, 'id' | 'data'>,
  reason: PostSeatClaimWithdrawalReason,
  metadata: EventMetadata,
): Promise<void> {
  const withdrawal = postSeatClaimWithdrawal(claim, reason, metadata);
  await store.append(seatStream, [withdrawal], { expectedRevision: 'any' });
}

/**
 * Withdraws the claim `planned` appended (`postSeatClaimAppend`) if it is on its seat stream: a
 * write that went stream by stream (a store whose multi-stream write is not all or nothing) may
 * have left it there without the write it was made for. Nothing when it is not there.
 */
export async function withdrawClaimIfWritten(
  store: Pick<EventStore, 'readStream' | 'append'>,
  planned: StreamAppend,
  reason: PostSeatClaimWithdrawalReason,
  metadata: EventMetadata,
): Promise<boolean> {
  const claim = planned.events[0];
  if (!claim) return false;
  const written = await store.readStream(planned.streamId);
  if (!written.some((event) => event.id === claim.id)) return false;
  await appendPostSeatClaimWithdrawal(store, planned.streamId, claim, reason, metadata);
  return true;
}
