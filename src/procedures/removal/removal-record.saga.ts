import { RecordedEvent } from '../../event-store/event-envelope';
import { Ignore, Saga, SagaOutput, Send } from '../../sagas/saga';
import { CaseEvent } from '../case/decider/case.events';
import { NoteCaseOnRecord } from '../case/record/case-record.commands';
import { ApplyRemovalDecision } from './removal-record.commands';

/**
 * Carries removal cases (dismissal, resignation, relief, suspension) onto the person's record:
 * open and closed notes as every case, and the decision's effect instead of a new term.
 */
export const removalRecordSaga: Saga = {
  name: 'removal-record',
  filter: { streamPrefix: 'removal-' },
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
      case 'DecisionIssued':
        return [Send(new ApplyRemovalDecision(stream), 'apply'), note('closed', event.data.heldOn)];
      default:
        return [Ignore(`${recorded.type} does not change the person's record`)];
    }
  },
};
