import { settleInOrder } from '../../common/settle-in-order';
import { EventMetadata, NewEvent } from '../../event-store/event-envelope';
import { EventStore, StreamAppend } from '../../event-store/event-store.port';
import { CaseContext } from './decider/case.context';
import { CaseState } from './decider/case.state';
import { DecisionPostHolding } from './decision-post-holding';
import { DecisionSeatClaim } from './decision-seat-claim';

/**
 * What a decision appends beside the case's events, each at the revision its context read: its
 * seat on the post's seat stream (`DecisionSeatClaim`) and its record on the holding of each post
 * it ends or continues (`DecisionPostHolding`). `keep` runs with each attempt's context, `plan`
 * with the events it decided.
 */
export class DecisionAppends {
  private readonly seatClaim: DecisionSeatClaim;
  private readonly holding: DecisionPostHolding;

  constructor(
    metadata: EventMetadata,
    store: Pick<EventStore, 'appendManyIsAtomic' | 'readStream' | 'append'>,
  ) {
    this.seatClaim = new DecisionSeatClaim(metadata, store);
    this.holding = new DecisionPostHolding(metadata, store);
  }

  keep(
    context: Pick<
      CaseContext,
      'seatsFromEffectiveDay' | 'postHolding' | 'postsEndedHoldings' | 'personFacts' | 'definition'
    >,
  ): void {
    this.seatClaim.keep(context);
    this.holding.keep(context);
  }

  plan(state: CaseState, events: readonly NewEvent[]): StreamAppend[] {
    return [...this.seatClaim.plan(state, events), ...this.holding.plan(state, events)];
  }

  /** After the write planned last was refused: what it left written alone is withdrawn. */
  async withdrawIfWrittenAlone(): Promise<void> {
    await settleInOrder([
      () => this.seatClaim.withdrawIfWrittenAlone(),
      () => this.holding.withdrawIfWrittenAlone(),
    ]);
  }
}
