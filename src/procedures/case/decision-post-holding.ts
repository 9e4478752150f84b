import { evolveAll } from '../../common/decided-append';
import { EventMetadata, NewEvent } from '../../event-store/event-envelope';
import { EventStore, StreamAppend } from '../../event-store/event-store.port';
import { CaseContext } from './decider/case.context';
import { caseDecider } from './decider/case.decider';
import { CaseState } from './decider/case.state';
import {
  postHoldingAppend,
  postHoldingEffectOf,
  withdrawHoldingDecisionIfWritten,
} from './post-holding-decisions';
import { decisionRefOf } from './record/record-writes';

/**
 * A decision that ends a person's holding of a post (a removal) or continues it (a
 * re-appointment, an extension) records itself on the holding's stream (`postholding-…`) in the
 * same write as the decision, at the revision read before it was decided (`CaseContext.postHolding`).
 * Of a removal and a re-appointment of one holding decided at once, the store lets one through;
 * the other is decided again and reads it: a re-appointment is then refused as for a post already
 * ended (`reappointment.post_ended`), a removal is decided on the holding as it then stands.
 * `keep` runs with each attempt's context, `plan` with the events it decided.
 */
export class DecisionPostHolding {
  private read: CaseContext['postHolding'];
  private planned: StreamAppend | null = null;

  constructor(
    private readonly metadata: EventMetadata,
    private readonly store: Pick<EventStore, 'appendManyIsAtomic' | 'readStream' | 'append'>,
  ) {}

  keep(context: Pick<CaseContext, 'postHolding' | 'definition'>): void {
    this.read = context.postHolding;
    this.definition = context.definition;
  }

  private definition: CaseContext['definition'] | undefined;

  /** The record to append with the events: none unless they decide the case. */
  plan(state: CaseState, events: readonly NewEvent[]): StreamAppend[] {
    this.planned = null;
    const read = this.read;
    if (!read || !this.definition || state.status !== 'open') return [];
    const effect = postHoldingEffectOf(state, this.definition);
    if (!effect) return [];
    const after = evolveAll(caseDecider, state, events);
    if (after.status !== 'decided') return [];
    const { caseId, procedure, orgUnitId, definitionId, decision } = after;
    this.planned = postHoldingAppend(
      {
        caseId,
        procedure,
        orgUnitId,
        personId: read.personId,
        positionId: read.positionId,
        effect,
        effectiveFrom: decision.effectiveFrom,
        decisionRef: decisionRefOf(decision),
        // As the removal's record words the end of the post.
        reason: `${definitionId.replace(`${procedure}.`, '')} (case ${caseId})`,
      },
      read.revision,
      this.metadata,
    );
    return [this.planned];
  }

  /**
   * After the write planned last was refused: where the store's write is not all or nothing
   * (KurrentDB appends stream by stream, the case's last), the record may have landed without the
   * decision; it is withdrawn at once, else a re-appointment would be refused over a removal never
   * decided. Where the write is all or nothing, nothing landed.
   */
  async withdrawIfWrittenAlone(): Promise<void> {
    const planned = this.planned;
    this.planned = null;
    if (!planned || this.store.appendManyIsAtomic) return;
    await withdrawHoldingDecisionIfWritten(this.store, planned, this.metadata);
  }
}
