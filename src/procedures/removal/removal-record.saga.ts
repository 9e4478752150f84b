import { Saga, Send } from '../../sagas/saga';
import { recordSaga } from '../case/record/record-saga';
import { ApplyRemovalDecision } from './removal-record.commands';

/**
 * Carries removal cases (dismissal, resignation, relief, suspension) onto the person's record:
 * open and closed notes as every case, and the decision's effect instead of a new term.
 */
export const removalRecordSaga: Saga = recordSaga({
  name: 'removal-record',
  procedures: ['removal'],
  onDecision: (stream) => ({ record: Send(new ApplyRemovalDecision(stream), 'apply') }),
});
