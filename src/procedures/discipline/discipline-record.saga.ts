import { endOfVietnamDay } from '../case/deadlines/step-deadline';
import { RecordedEvent } from '../../event-store/event-envelope';
import { timerIdFor } from '../../jobs/timers/timer.events';
import { Cancel, Ignore, Saga, SagaOutput, Schedule, Send } from '../../sagas/saga';
import {
  ApplyDisciplineDecisionToRecord,
  NoteDisciplineCaseOnRecord,
  ReviseDisciplineOnRecord,
} from './discipline-record.commands';
import { DisciplineEvent } from './discipline.events';

export const DISCIPLINE_TIME_LIMIT_TIMER = 'discipline-time-limit';

const timeLimitCause = (streamId: string, decideBy: string) => `${streamId}/time-limit/${decideBy}`;

/**
 * Carries a discipline case's effects onto the person's record, and keeps the civil-service time
 * limit as a durable timer. A pure mapping: the command handlers load what they need.
 */
export const disciplineRecordSaga: Saga = {
  name: 'discipline-record',
  filter: { streamPrefix: 'discipline-' },
  handle(recorded: RecordedEvent): SagaOutput[] {
    const event = { type: recorded.type, data: recorded.data } as DisciplineEvent;
    const caseId = recorded.streamId.slice('discipline-'.length);
    const note = (status: 'open' | 'closed', stage: string | null, on: string) =>
      Send(new NoteDisciplineCaseOnRecord(caseId, status, stage, on), 'note');
    const scheduleLimit = (decideBy: string) =>
      Schedule({
        kind: DISCIPLINE_TIME_LIMIT_TIMER,
        dueAt: endOfVietnamDay(decideBy),
        target: recorded.streamId,
        payload: { caseId, dueOn: decideBy },
        cause: timeLimitCause(recorded.streamId, decideBy),
      });
    const cancelLimit = (decideBy: string, reason: string) =>
      Cancel(
        timerIdFor(timeLimitCause(recorded.streamId, decideBy), DISCIPLINE_TIME_LIMIT_TIMER),
        reason,
      );
    switch (event.type) {
      case 'DisciplineCaseOpened':
        return [
          note('open', 'verification', event.data.openedOn),
          ...(event.data.decideBy ? [scheduleLimit(event.data.decideBy)] : []),
        ];
      case 'DisciplineStepRecorded':
        return event.data.violationConfirmed === true
          ? [note('open', 'past_verification', event.data.heldOn)]
          : [Ignore('no stage change on the record')];
      case 'DisciplineTimeLimitExtended':
        return [cancelLimit(event.data.from, 'time limit extended'), scheduleLimit(event.data.to)];
      case 'DisciplineDecided':
        return [
          Send(new ApplyDisciplineDecisionToRecord(caseId), 'apply'),
          note('closed', null, event.data.heldOn),
        ];
      case 'DisciplineComplaintReviewed':
        return event.data.outcome === 'keep'
          ? [Ignore('the form was kept')]
          : [Send(new ReviseDisciplineOnRecord(caseId), 'revise')];
      case 'DisciplineCaseClosed':
        return [note('closed', null, event.data.closedOn)];
      // Confirmed but time-barred: no form reaches the record; the case no longer holds it open.
      case 'DisciplineTimeBarred':
        return [note('closed', null, event.data.heldOn)];
      default:
        return [Ignore(`${recorded.type} does not change the person's record`)];
    }
  },
};
