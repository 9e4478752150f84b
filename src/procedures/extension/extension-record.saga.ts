import { RecordedEvent } from '../../event-store/event-envelope';
import { Ignore, Saga, SagaOutput, Schedule, Send } from '../../sagas/saga';
import { CaseEvent } from '../case/decider/case.events';
import { endOfVietnamDay } from '../case/deadlines/step-deadline';
import { NoteCaseOnRecord } from '../case/record/case-record.commands';
import { TERM_END_TIMER } from '../case/record/case-record.saga';
import { ExtendTermFromDecision } from './extension-record.commands';

/**
 * Carries extension cases onto the person's record: open and closed notes, and on the decision the
 * new term end with its end scheduled (the case-record saga's term-end timer ends the post then,
 * if the person still holds it with that term). No re-appointment notice: the term ends at retirement.
 */
export const extensionRecordSaga: Saga = {
  name: 'extension-record',
  filter: { streamPrefix: 'extension-' },
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
        const { termEnd } = event.data;
        return [
          Send(new ExtendTermFromDecision(stream), 'extend'),
          note('closed', event.data.heldOn),
          Schedule({
            kind: TERM_END_TIMER,
            dueAt: endOfVietnamDay(termEnd),
            target: stream,
            payload: { stream, termEnd },
          }),
        ];
      }
      default:
        return [Ignore(`${recorded.type} does not change the person's record`)];
    }
  },
};
