import { Saga, Send } from '../../sagas/saga';
import { recordSaga } from '../case/record/record-saga';
import { termEndTimer } from '../case/record/case-record.saga';
import { ExtendTermFromDecision } from './extension-record.commands';
import { statedTermEnd } from '../case/decider/stated-term-end';

/**
 * Carries extension cases onto the person's record: open and closed notes, and on the decision the
 * new term end with its end scheduled (the case-record saga's term-end timer ends the post then,
 * if the person still holds it with that term). No re-appointment notice: the term ends at retirement.
 */
export const extensionRecordSaga: Saga = recordSaga({
  name: 'extension-record',
  procedures: ['extension'],
  onDecision: (stream, event) => ({
    record: Send(new ExtendTermFromDecision(stream), 'extend'),
    timers: [termEndTimer(stream, statedTermEnd(event.data))],
  }),
});
