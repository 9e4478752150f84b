import { Saga, SagaOutput, Schedule, Send } from '../../../sagas/saga';
import { endOfVietnamDay } from '../deadlines/step-deadline';
import { AssignPostFromDecision } from './case-record.commands';
import { recordSaga } from './record-saga';
import { parseStreamName } from '../../../audit/stream-name';
import { movesThePerson } from '../decider/decision-posts';
import { effectiveWhenIssued } from './case-record.process';
import { statedTermEnd } from '../decider/stated-term-end';

export const REAPPOINTMENT_REMINDER_TIMER = 'reappointment-reminder';
export const TERM_END_TIMER = 'term-end';
export const REGISTRATION_MOVE_TIMER = 'registration-move';

/** The timer that ends the post on the last day of the term a decision set. */
export const termEndTimer = (stream: string, termEnd: string): SagaOutput =>
  Schedule({
    kind: TERM_END_TIMER,
    dueAt: endOfVietnamDay(termEnd),
    target: stream,
    payload: { stream, termEnd },
  });

/** The generic case procedures whose streams this saga follows. */
export const RECORDED_PROCEDURES = ['appointment', 'reappointment', 'rotation'];

/**
 * Carries appointment, re-appointment and rotation cases onto the person's record and schedules
 * what a decided term needs: the re-appointment notice and the end of the term.
 */
export const caseRecordSaga: Saga = recordSaga({
  name: 'case-record',
  procedures: RECORDED_PROCEDURES,
  onDecision: (stream, event) => {
    const record = Send(new AssignPostFromDecision(stream), 'assign');
    const timers: SagaOutput[] = [];
    // The notice runs before the end of the post's term (a rotation's post term, not its period).
    const postTermEnd = event.data.postTerm?.termEnd ?? event.data.termEnd;
    const payload = { stream, termEnd: postTermEnd };
    if (event.data.reappointmentNoticeOn) {
      timers.push(
        Schedule({
          kind: REAPPOINTMENT_REMINDER_TIMER,
          dueAt: `${event.data.reappointmentNoticeOn}T01:00:00.000Z`,
          target: stream,
          payload: { ...payload, noticeOn: event.data.reappointmentNoticeOn },
        }),
      );
    }
    // A move into another unit's post dated ahead moves the registration when its day comes.
    if (movesThePerson(parseStreamName(stream).kind) && !effectiveWhenIssued(event.data)) {
      timers.push(
        Schedule({
          kind: REGISTRATION_MOVE_TIMER,
          dueAt: new Date(`${event.data.effectiveFrom}T00:00:00+07:00`).toISOString(),
          target: stream,
          payload: { stream },
        }),
      );
    }
    // The end of a rotation's planned period is not the end of the post: no timer ends it; the
    // term of a leadership post taken up through it ends as an appointment's does.
    const termEnd = stream.startsWith('rotation-')
      ? event.data.postTerm?.termEnd
      : statedTermEnd(event.data);
    if (termEnd) timers.push(termEndTimer(stream, termEnd));
    return { record, timers };
  },
});
