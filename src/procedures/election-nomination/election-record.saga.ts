import { Saga, Send } from '../../sagas/saga';
import { AssignPostFromDecision } from '../case/record/case-record.commands';
import { termEndTimer } from '../case/record/case-record.saga';
import { recordSaga } from '../case/record/record-saga';
import { statedTermEnd } from '../case/decider/stated-term-end';

/**
 * Carries nominations for election onto the person's record: open and closed notes as every case
 * (a failed election closes it), and on the confirmation the elected post with the council's term,
 * whose end is scheduled. No re-appointment notice: an elected post is elected again, not renewed.
 */
export const electionRecordSaga: Saga = recordSaga({
  name: 'election-record',
  procedures: ['election'],
  onDecision: (stream, event) => ({
    record: Send(new AssignPostFromDecision(stream), 'assign'),
    timers: [termEndTimer(stream, statedTermEnd(event.data))],
  }),
});
