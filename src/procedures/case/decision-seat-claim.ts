import { postSeatClaimAppend } from '../../cadres/post-seat-claims';
import { withdrawClaimIfWritten } from '../../cadres/seat-claim-withdrawal';
import { evolveAll } from '../../common/decided-append';
import { EventMetadata, NewEvent } from '../../event-store/event-envelope';
import { EventStore, StreamAppend } from '../../event-store/event-store.port';
import { CaseContext } from './decider/case.context';
import { caseDecider } from './decider/case.decider';
import { CaseState } from './decider/case.state';
import { claimsSeatDays } from './decider/decision-posts';
import { appointeeOf, postTermEndOf } from './record/case-record.process';

/**
 * A decision that places a holder in a post with a seat limit, or extends a holder's term in it
 * (`claimsSeatDays`), claims the seat for the days it gives on the post's seat stream (`postseat-<post>`) in the same write as the decision, at the revision read before the
 * holds it was judged on. The registry's record of a holder (`POST /cadres/:id/posts`) claims
 * there too, so of a decision and a record taking the last seat at once the store lets one
 * through and the other, decided again, counts it. Before, a decision claimed nothing: until the
 * person's record and the projection had its holder, a record of another went through beside it.
 * `keep` runs with each attempt's context, `plan` with the events it decided.
 */
export class DecisionSeatClaim {
  private read: CaseContext['seatsFromEffectiveDay'];
  private planned: StreamAppend | null = null;

  constructor(
    private readonly metadata: EventMetadata,
    private readonly store: Pick<EventStore, 'appendManyIsAtomic' | 'readStream' | 'append'>,
  ) {}

  keep(context: Pick<CaseContext, 'seatsFromEffectiveDay'>): void {
    this.read = context.seatsFromEffectiveDay;
  }

  /** The claim to append with the events: none unless they decide the case into a seated post. */
  plan(state: CaseState, events: readonly NewEvent[]): StreamAppend[] {
    this.planned = null;
    const read = this.read;
    if (!read || state.status !== 'open' || !claimsSeatDays(state.procedure)) return [];
    const after = evolveAll(caseDecider, state, events);
    if (after.status !== 'decided' || after.decision.effectiveFrom !== read.day) return [];
    const hold = {
      personId: appointeeOf(after),
      from: read.day,
      // The term the record will hold the post on: a claim weighs it as a record's does.
      termEnd: postTermEndOf(after),
      caseId: after.caseId,
    };
    this.planned = postSeatClaimAppend(
      read.position.id,
      hold,
      read.seatStreamRevision,
      this.metadata,
    );
    return [this.planned];
  }

  /**
   * After the write planned last was refused: where the store's write is not all or nothing
   * (KurrentDB appends stream by stream, the case's last), the claim may have landed without the
   * decision; it is withdrawn at once, else it held the seat for a minute for a holder no
   * decision placed. Where the write is all or nothing, nothing landed.
   */
  async withdrawIfWrittenAlone(): Promise<void> {
    const planned = this.planned;
    this.planned = null;
    if (!planned || this.store.appendManyIsAtomic) return;
    await withdrawClaimIfWritten(this.store, planned, 'decision_not_written', this.metadata);
  }
}
