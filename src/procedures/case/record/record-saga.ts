import { RecordedEvent } from '../../../event-store/event-envelope';
import { Ignore, Saga, SagaOutput, Send } from '../../../sagas/saga';
import { CaseEvent } from '../decider/case.events';
import { NoteCaseOnRecord } from './case-record.commands';

type Decision = Extract<CaseEvent, { type: 'DecisionIssued' }>;

const CLOSING_TYPES = new Set(['CaseRejected', 'CaseWithdrawn', 'DecisionIssued']);

/**
 * An opening's note goes on its person's record alone: openings of different people may be noted
 * at the same time (a transfer batch opens thousands). A closing waits for all before it (its
 * writes may end posts an earlier decision assigned, or withdraw the person's other cases); an
 * event the saga ignores writes nothing and waits for nothing of its own case but its stream.
 */
function recordOrderingKey(recorded: RecordedEvent): string | undefined {
  if (recorded.type === 'CaseOpened') {
    const personId = (recorded.data as { personId?: string }).personId;
    return personId ? `person:${personId}` : undefined;
  }
  return CLOSING_TYPES.has(recorded.type) ? undefined : `ignored:${recorded.streamId}`;
}

/**
 * A procedure's saga onto the person's record, on the case engine: every case is noted open when
 * it opens and closed when it is rejected, withdrawn or decided; what its decision does besides
 * (assign the post, extend the term, end the post) and the timers it sets are the procedure's
 * `onDecision`.
 */
export function recordSaga(spec: {
  name: string;
  procedures: string[];
  /** The decision's command onto the record, and the timers it schedules. */
  onDecision: (stream: string, decision: Decision) => { record: SagaOutput; timers?: SagaOutput[] };
}): Saga {
  return {
    name: spec.name,
    filter: { streamPrefix: spec.procedures.map((procedure) => `${procedure}-`) },
    handle(recorded: RecordedEvent): SagaOutput[] {
      const event = { type: recorded.type, data: recorded.data } as CaseEvent;
      const stream = recorded.streamId;
      const note = (status: 'open' | 'closed', on: string) =>
        Send(new NoteCaseOnRecord(stream, status, on), 'note');
      switch (event.type) {
        case 'CaseOpened':
          return [note('open', event.data.openedOn)];
        case 'CaseRejected':
          return [note('closed', event.data.rejectedOn)];
        case 'CaseWithdrawn':
          return [note('closed', event.data.withdrawnOn)];
        case 'DecisionIssued': {
          const { record, timers = [] } = spec.onDecision(stream, event);
          return [record, note('closed', event.data.heldOn), ...timers];
        }
        default:
          return [Ignore(`${recorded.type} does not change the person's record`)];
      }
    },
    orderingKey: recordOrderingKey,
  };
}
