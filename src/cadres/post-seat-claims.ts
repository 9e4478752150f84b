import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { EventMetadata, RecordedEvent } from '../event-store/event-envelope';
import { WrongExpectedRevision } from '../event-store/event-store.errors';
import { EventStore, StreamAppend } from '../event-store/event-store.port';
import { PersonCommand } from './person/person.commands';
import {
  claimsNotWithdrawn,
  SeatClaimMade,
  SeatClaimType,
  SeatClaimWithdrawalReason,
} from './seat-claim-withdrawal';
import { PersonState } from './person/person.state';
import { refusePostHeldByAnother } from './post-held-by-another';
import { holdsOnRecord, PostHolder, seatHeldUntil } from './post-holders';
import { seatsOf } from './post-seats';
import { Position } from './registry-records';
import { RegistryRuleViolation } from './registry-rule-violation';

/** A claim whose person record still lacks the hold this long after is taken as abandoned. */
const ABANDONED_CLAIM_MS = 60_000;
const CLAIM_ATTEMPTS = 5;

/** The seat stream of a post (its id escaped so that a hyphen in it cannot merge two streams). */
export const postSeatStream = (positionId: string): string =>
  `postseat-${encodeURIComponent(positionId)}`;

export interface PostHoldClaim {
  personId: string;
  from: string;
  termEnd: string | null;
}

/** A hold claimed on a post's seat stream, and when. */
export interface PostSeatClaim extends PostHoldClaim {
  recordedAt: string;
}

/**
 * The events of a post's seat stream: a hold claimed (by a record, an import's row or a case's
 * decision, `caseId`), and a claim withdrawn (`claimId`) because the write it was made for was
 * refused after it.
 */
export type PostSeatEvent =
  | {
      type: 'PostSeatClaimed';
      data: { claimant: string; from: string; termEnd: string | null; caseId?: string };
    }
  | {
      type: 'PostSeatClaimWithdrawn';
      data: {
        claimId: string;
        claimant: string;
        from: string;
        reason: SeatClaimWithdrawalReason;
      };
    };

const POST_SEAT_CLAIMED: PostSeatEvent['type'] & SeatClaimType = 'PostSeatClaimed';

/**
 * The claims a post's seat stream holds, oldest first: each `PostSeatClaimed` not withdrawn since
 * (`PostSeatClaimWithdrawn` naming its id: the write it was made for was refused).
 */
export function seatClaimsOf(events: readonly RecordedEvent[]): PostSeatClaim[] {
  return claimsNotWithdrawn(events, POST_SEAT_CLAIMED).map((event) => {
    const { claimant, from, termEnd } = event.data as {
      claimant: string;
      from: string;
      termEnd: string | null;
    };
    return { personId: claimant, from, termEnd, recordedAt: event.recordedAt };
  });
}

/**
 * The claims that still hold a seat if their record lacks the hold: the record is written just
 * after its claim, so a claim without its hold this long after (ABANDONED_CLAIM_MS) was lost (a
 * process stopped between the two). One whose record was refused is withdrawn at once
 * (`withdrawSeatClaim`), and `seatClaimsOf` no longer lists it.
 */
export function freshClaims(claims: readonly PostSeatClaim[], now: number): PostSeatClaim[] {
  return claims.filter((claim) => now - Date.parse(claim.recordedAt) < ABANDONED_CLAIM_MS);
}

/**
 * The person's fresh claims (`freshClaims`) not yet on their record (`onRecord`: their holds of the
 * post): a claim is on record when a hold begins on its first day, or begins before it and runs at
 * least to its end. An extension's claim (from its effective day to retirement) is on record once
 * the post it extends runs to retirement: counted beside that hold as well, the one holder would
 * fill two seats.
 */
export function pendingClaimsOf(
  fresh: readonly PostSeatClaim[],
  personId: string,
  onRecord: readonly PostHolder[],
): PostSeatClaim[] {
  return fresh
    .filter((claim) => claim.personId === personId)
    .filter((claim) => !onRecord.some((held) => holdCoversClaim(held, claim)));
}

/**
 * Whether the hold on record is the claim's: it begins on the claim's first day (as before), or
 * begins before it and keeps the seat (`seatHeldUntil`: a post a decision ended keeps it no
 * longer) at least to the claim's end.
 */
function holdCoversClaim(held: PostHolder, claim: PostHoldClaim): boolean {
  if (held.from === claim.from) return true;
  if (held.from > claim.from) return false;
  const until = seatHeldUntil(held);
  return until === null || (claim.termEnd !== null && claim.termEnd <= until);
}

type LoadPerson = (personId: string) => Promise<{ state: PersonState }>;

/**
 * Two staff recording two people into one seat at once meet on the post's seat stream: each
 * appends its claim at the revision it read, the store lets one through, the other reads again and
 * counts the winner. The holds are read from the people's records (the store), not from the
 * `person_posts` projection alone, which lags: a claim not yet on its person's record counts while
 * it is fresh (the record is written just after it).
 */
export class PostSeatClaims {
  constructor(
    private readonly store: EventStore,
    private readonly pool: Pool,
    private readonly loadPerson: LoadPerson,
  ) {}

  /**
   * Claims a seat for the hold (post with a seat limit), or refuses with `post.held_by_another`
   * naming the holders. Answers the claim appended (`withdrawSeatClaim` takes it back when the
   * record is then refused), null when none was: no seat limit, or the person's fresh claim of
   * this hold already there (a retried request's, which is not this call's to withdraw).
   */
  async claim(
    position: Position,
    hold: PostHoldClaim,
    metadata: EventMetadata,
  ): Promise<SeatClaimMade | null> {
    // A post without a seat limit (a unit's deputies) is not read at all.
    if (seatsOf(position) === null) return null;
    const streamId = postSeatStream(position.id);
    for (let attempt = 0; attempt < CLAIM_ATTEMPTS; attempt += 1) {
      const revision = await this.store.streamRevision(streamId);
      const { holds, mine } = await this.holdsOf(position.id, hold);
      refusePostHeldByAnother(position, hold.personId, hold.from, holds, hold.termEnd);
      // A retried request already holds its seat: claiming again would move everyone's stream.
      if (mine) return null;
      try {
        const { events, expectedRevision } = postSeatClaimAppend(
          position.id,
          hold,
          revision,
          metadata,
        );
        await this.store.append(streamId, events, { expectedRevision });
        return { seatStream: streamId, claim: events[0] };
      } catch (error) {
        // Another claim came first: count again with it.
        if (!(error instanceof WrongExpectedRevision)) throw error;
      }
    }
    throw new RegistryRuleViolation(
      'post.busy',
      `positionId: the holders of ${position.id} kept changing; try again`,
      'conflict',
      'positionId',
    );
  }

  /** Every hold of the post not ended by `from`, on the records (a fresh claim's too). */
  async holdsSince(positionId: string, from: string): Promise<PostHolder[]> {
    return (await this.holdsOf(positionId, { personId: '', from, termEnd: null })).holds;
  }

  /**
   * The seat stream's revision, then the holds not ended by `from` (`holdsSince`): a claim
   * appended at that revision (`postSeatClaimAppend`) is refused if another came since, which the
   * holds read may have missed. A case decision placing a holder claims its seat so.
   */
  async holdsToClaimFrom(
    positionId: string,
    from: string,
  ): Promise<{ revision: number | null; holds: PostHolder[] }> {
    const revision = await this.store.streamRevision(postSeatStream(positionId));
    return { revision, holds: await this.holdsSince(positionId, from) };
  }

  /**
   * Every hold of the post that has not ended by the new hold's first day, from the records of the
   * people the projection or a claim names, and whether the person already claimed this hold.
   */
  private async holdsOf(
    positionId: string,
    hold: PostHoldClaim,
  ): Promise<{ holds: PostHolder[]; mine: boolean }> {
    const claims = await this.claims(positionId);
    const { rows } = await this.pool.query<{ personId: string }>(
      `SELECT person_id AS "personId" FROM person_posts
        WHERE position_id = $1 AND (ends_on IS NULL OR ends_on > $2::date)`,
      [positionId, hold.from],
    );
    const candidates = new Set([
      ...rows.map((row) => row.personId),
      ...claims.map((c) => c.personId),
    ]);
    const holds: PostHolder[] = [];
    let mine = false;
    for (const personId of [...candidates].sort()) {
      const { state } = await this.loadPerson(personId);
      const onRecord = holdsOnRecord(personId, state, positionId);
      const fullName = state.status === 'registered' ? state.profile.fullName : personId;
      const pending = pendingClaimsOf(freshClaims(claims, Date.now()), personId, onRecord);
      if (personId === hold.personId)
        mine = [...onRecord, ...pending].some((held) => held.from === hold.from);
      holds.push(
        ...onRecord,
        ...pending.map(({ from, termEnd }) => ({
          personId,
          fullName,
          from,
          termEnd,
          endsOn: null,
        })),
      );
    }
    return { holds, mine };
  }

  private async claims(positionId: string): Promise<PostSeatClaim[]> {
    return seatClaimsOf(await this.store.readStream(postSeatStream(positionId)));
  }
}

/**
 * The claim of a hold on its post's seat stream, appended at the revision read before the holds
 * were counted (`holdsToClaimFrom`). `claimant`, not `personId`: the stream is the post's, not
 * part of the claimant's history; `caseId`: the case whose decision placed the holder.
 */
export function postSeatClaimAppend(
  positionId: string,
  hold: PostHoldClaim & { caseId?: string },
  revision: number | null,
  metadata: EventMetadata,
): StreamAppend {
  const { personId: claimant, from, termEnd, caseId } = hold;
  const data = { claimant, from, termEnd, ...(caseId ? { caseId } : {}) };
  return {
    streamId: postSeatStream(positionId),
    events: [{ id: randomUUID(), type: POST_SEAT_CLAIMED, data, metadata }],
    expectedRevision: revision === null ? 'no_stream' : revision,
  };
}

/**
 * The hold a post record claims on its post's seat stream, when the caller asks (`seatOf`: the
 * registry's `POST /cadres/:id/posts`) and the post has a seat limit.
 */
export function postSeatClaimedBy(
  command: PersonCommand,
  position: Position | undefined,
): { position: Position; hold: PostHoldClaim } | null {
  if (command.type !== 'AssignPost' || !position || seatsOf(position) === null) return null;
  const { personId, from, termEnd } = command.data;
  return { position, hold: { personId, from, termEnd } };
}
