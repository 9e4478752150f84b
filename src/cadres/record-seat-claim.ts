import { DomainEvent } from '../common/stream-decider';
import { EventMetadata } from '../event-store/event-envelope';
import { EventStore } from '../event-store/event-store.port';
import { CitedLimit } from './planning/planning-pool-limits';
import { PlanningPoolSeats } from './planning/planning-pool-seats';
import { PostHoldClaim, PostSeatClaims } from './post-seat-claims';
import { Position } from './registry-records';
import { withdrawSeatClaim } from './seat-claim-withdrawal';

/** The seats a person command may claim: a place in a post's pool, a post's seat. */
export interface RecordSeats {
  /** A pool's place, with the limit in force (none without a catalog: the limits go unchecked). */
  planning: {
    seat: { personId: string; positionId: string; term: string };
    limit: CitedLimit;
  } | null;
  post: { position: Position; hold: PostHoldClaim } | null;
}

/**
 * What a person command claims just before its record's append (`beforeAppend`), once decided:
 * the pool's place once the person's own limit passed (an entry added), a post's seat once the
 * record takes the post (a refused record claims nothing). Either is withdrawn at once if the
 * append is then refused (a stale If-Match, another writer first). Before, a pool's place was not:
 * it stayed held a minute (ABANDONED_CLAIM_MS) in the name of someone never added, and another
 * person's addition to the pool's last place was refused meanwhile.
 */
export function claimRecordSeat(
  sources: { store: EventStore; planningSeats: PlanningPoolSeats; postSeats: PostSeatClaims },
  { planning, post }: RecordSeats,
  metadata: EventMetadata,
):
  | ((state: unknown, decided: readonly DomainEvent[]) => Promise<{ undo(): Promise<void> }>)
  | undefined {
  if (!planning && !post) return undefined;
  return async (_state, decided) => {
    const claimed =
      planning && decided[0]?.type === 'PlanningPoolEntryAdded'
        ? await sources.planningSeats.claim(planning.seat, planning.limit, metadata)
        : post && decided[0]?.type === 'PostAssigned'
          ? await sources.postSeats.claim(post.position, post.hold, metadata)
          : null;
    return {
      undo: () => withdrawSeatClaim(sources.store, claimed, 'record_not_written', metadata),
    };
  };
}
