import { RecordedEvent } from '../../../event-store/event-envelope';
import { Ignore, Saga, SagaOutput, Send } from '../../../sagas/saga';
import { CaseEvent } from '../decider/case.events';
import { NoteCaseOnRecord } from './case-record.commands';

type Decision = Extract<CaseEvent, { type: 'DecisionIssued' }>;

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
  };
}
