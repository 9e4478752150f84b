import { evolveAll } from '../../common/decided-append';
import { settleInOrder } from '../../common/settle-in-order';
import { EventMetadata, NewEvent } from '../../event-store/event-envelope';
import { EventStore, StreamAppend } from '../../event-store/event-store.port';
import { CaseContext } from './decider/case.context';
import { caseDecider } from './decider/case.decider';
import { CaseState } from './decider/case.state';
import { moveEndReason, postsAMoveEnds } from './decider/posts-a-move-ends';
import {
  PostHoldingDecision,
  PostHoldingRead,
  postHoldingAppend,
  postHoldingEffectOf,
  withdrawHoldingDecisionIfWritten,
} from './post-holding-decisions';
import { decisionRefOf } from './record/record-writes';

type Kept = Pick<CaseContext, 'postHolding' | 'postsEndedHoldings' | 'personFacts' | 'definition'>;
type Decided = Extract<CaseState, { status: 'decided' }>;

/**
 * A decision that ends a person's holding of a post (a removal; a move elsewhere, an appointment,
 * a rotation or a transfer, of each other post it ends) or continues it (a re-appointment, an
 * extension) records itself on the holding's stream (`postholding-…`) in the same write as the
 * decision, at the revision read before it was decided (`CaseContext.postHolding`,
 * `CaseContext.postsEndedHoldings`). Of a decision ending a holding and a re-appointment of it
 * decided at once, the store lets one through; the other is decided again and reads it: a
 * re-appointment is then refused as for a post already ended (`reappointment.post_ended`), a
 * removal is decided on the holding as it then stands, a move is refused as over a post still to
 * come (`decision.pending_post`). `keep` runs with each attempt's context, `plan` with the events
 * it decided.
 */
export class DecisionPostHolding {
  private kept: Kept | undefined;
  private planned: StreamAppend[] = [];

  constructor(
    private readonly metadata: EventMetadata,
    private readonly store: Pick<EventStore, 'appendManyIsAtomic' | 'readStream' | 'append'>,
  ) {}

  keep(context: Kept): void {
    this.kept = context;
  }

  /** The records to append with the events: none unless they decide the case. */
  plan(state: CaseState, events: readonly NewEvent[]): StreamAppend[] {
    this.planned = [];
    const kept = this.kept;
    if (!kept?.definition || state.status !== 'open') return [];
    const own = kept.postHolding && postHoldingEffectOf(state, kept.definition);
    if (!own && !kept.postsEndedHoldings?.length) return [];
    const after = evolveAll(caseDecider, state, events);
    if (after.status !== 'decided') return [];
    const records = [
      ...(own && kept.postHolding
        ? [this.record(after, kept.postHolding, own, ownEndReason(after))]
        : []),
      ...this.postsEnded(after, kept).map((read) =>
        this.record(after, read, 'ends', moveEndReason(after)),
      ),
    ];
    this.planned = records;
    return records;
  }

  /** The holdings read of the posts the decision ends, as the record saga will end them. */
  private postsEnded(after: Decided, kept: Kept): PostHoldingRead[] {
    const record = kept.personFacts?.termRecord;
    if (!record || !kept.postsEndedHoldings) return [];
    const { decision, procedure, caseId, positionId } = after;
    const ended = new Set(
      postsAMoveEnds(record, { ...decision, procedure, caseId, positionId }).map(
        (post) => post.positionId,
      ),
    );
    return kept.postsEndedHoldings.filter((read) => ended.has(read.positionId));
  }

  private record(
    after: Decided,
    read: PostHoldingRead,
    effect: PostHoldingDecision['effect'],
    reason: string,
  ): StreamAppend {
    const { caseId, procedure, orgUnitId, decision } = after;
    return postHoldingAppend(
      {
        caseId,
        procedure,
        orgUnitId,
        personId: read.personId,
        positionId: read.positionId,
        effect,
        effectiveFrom: decision.effectiveFrom,
        decisionRef: decisionRefOf(decision),
        reason,
      },
      read.revision,
      this.metadata,
    );
  }

  /**
   * After the write planned last was refused: where the store's write is not all or nothing
   * (KurrentDB appends stream by stream, the case's last), the records may have landed without the
   * decision; they are withdrawn at once, else a re-appointment would be refused over a removal
   * never decided. Where the write is all or nothing, nothing landed.
   */
  async withdrawIfWrittenAlone(): Promise<void> {
    const planned = this.planned;
    this.planned = [];
    if (!planned.length || this.store.appendManyIsAtomic) return;
    await settleInOrder(
      planned.map(
        (append) => () => withdrawHoldingDecisionIfWritten(this.store, append, this.metadata),
      ),
    );
  }
}

/** As the removal's record words the end of the post. */
const ownEndReason = ({ definitionId, procedure, caseId }: Decided) =>
  `${definitionId.replace(`${procedure}.`, '')} (case ${caseId})`;
