import { endOfVietnamDay } from '../case/deadlines/step-deadline';
import { closesCase, eventsUpTo, unsettledTimers } from '../case/deadlines/closed-case-timers';
import { RecordedEvent } from '../../event-store/event-envelope';
import { EventStore } from '../../event-store/event-store.port';
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

/**
 * The time to decide is over for good: the case is decided, or staff closed it. (A case closed or
 * time-barred by a step's result may be reopened by correcting that step, and its limit runs on.)
 */
export function endsTimeLimit(event: Pick<RecordedEvent, 'type' | 'data'>): boolean {
  if (event.type === 'DisciplineDecided') return closesCase(event);
  return event.type === 'DisciplineCaseClosed' && event.data.rule === 'discipline.closed_by_staff';
}

/**
 * The discipline-record saga, which also cancels the time limit's timer when the time to decide
 * is over for good (`endsTimeLimit`): before, it stayed scheduled (counted pending in /health and
 * /metrics) only to fire on a decided or closed case and record nothing. The case's events up to
 * that one say which timer (its day as last extended), the same at every delivery.
 */
export function disciplineRecordSagaOn(store: Pick<EventStore, 'readStream'>): Saga {
  return {
    ...disciplineRecordSaga,
    handle: async (event, context) => {
      const own = await disciplineRecordSaga.handle(event, context);
      if (!endsTimeLimit(event)) return own;
      const limits = unsettledTimers(
        await eventsUpTo(store, event),
        (one) => disciplineRecordSaga.handle(one as RecordedEvent, context) as SagaOutput[],
        DISCIPLINE_TIME_LIMIT_TIMER,
      );
      return [...own, ...limits.map((timerId) => Cancel(timerId, 'time to decide over'))];
    },
  };
}
