import { sagaRegistration } from '../../../sagas/saga-registration';
import {
  EndTermOnRecord,
  GiveReappointmentNotice,
  MoveRegistrationOnEffectiveDay,
} from './case-record.commands';
import {
  caseRecordSaga,
  REAPPOINTMENT_REMINDER_TIMER,
  REGISTRATION_MOVE_TIMER,
  TERM_END_TIMER,
} from './case-record.saga';

type TermTimer = { stream: string; termEnd: string; noticeOn: string };

/** The case-record saga and the commands its timers send (handlers: `case-record.handlers.ts`). */
export const CaseRecordRegistration = sagaRegistration({
  saga: caseRecordSaga,
  timers: {
    [REAPPOINTMENT_REMINDER_TIMER]: ({ payload }) => {
      const { stream, termEnd, noticeOn } = payload as TermTimer;
      return new GiveReappointmentNotice(stream, termEnd, noticeOn);
    },
    [TERM_END_TIMER]: ({ payload }) => {
      const { stream, termEnd } = payload as TermTimer;
      return new EndTermOnRecord(stream, termEnd);
    },
    [REGISTRATION_MOVE_TIMER]: ({ payload }) =>
      new MoveRegistrationOnEffectiveDay((payload as { stream: string }).stream),
  },
});
