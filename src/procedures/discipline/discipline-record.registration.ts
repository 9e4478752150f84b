import { sagaRegistration } from '../../sagas/saga-registration';
import { RecordDisciplineTimeLimitMissed } from './discipline-record.commands';
import { DISCIPLINE_TIME_LIMIT_TIMER, disciplineRecordSaga } from './discipline-record.saga';

/** The discipline-record saga and the command its time-limit timer sends (handlers beside it). */
export const DisciplineRecordRegistration = sagaRegistration({
  saga: disciplineRecordSaga,
  timers: {
    [DISCIPLINE_TIME_LIMIT_TIMER]: ({ target, payload }) =>
      new RecordDisciplineTimeLimitMissed(target, (payload as { dueOn: string }).dueOn),
  },
});
