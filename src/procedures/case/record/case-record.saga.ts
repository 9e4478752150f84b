import { RecordedEvent } from '../../../event-store/event-envelope';
import { Ignore, Saga, SagaOutput, Schedule, Send } from '../../../sagas/saga';
import { CaseEvent } from '../decider/case.events';
import { endOfVietnamDay } from '../deadlines/step-deadline';
import { AssignPostFromDecision, NoteCaseOnRecord } from './case-record.commands';

export const REAPPOINTMENT_REMINDER_TIMER = 'reappointment-reminder';
export const TERM_END_TIMER = 'term-end';

/** The generic case procedures whose streams this saga follows. */
export const RECORDED_PROCEDURES = ['appointment', 'reappointment', 'rotation'];

/**
 * Carries appointment, re-appointment and rotation cases onto the person's record and schedules
 * what a decided term needs: the re-appointment notice and the end of the term.
 */
export const caseRecordSaga: Saga = {
  name: 'case-record',
  filter: { streamPrefix: RECORDED_PROCEDURES.map((procedure) => `${procedure}-`) },
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
        const outputs: SagaOutput[] = [
          Send(new AssignPostFromDecision(stream), 'assign'),
          note('closed', event.data.heldOn),
        ];
        const payload = { stream, termEnd: event.data.termEnd };
        if (event.data.reappointmentNoticeOn) {
          outputs.push(
            Schedule({
              kind: REAPPOINTMENT_REMINDER_TIMER,
              dueAt: `${event.data.reappointmentNoticeOn}T01:00:00.000Z`,
              target: stream,
              payload: { ...payload, noticeOn: event.data.reappointmentNoticeOn },
            }),
          );
        }
        // The end of a rotation's planned period is not the end of the post: no timer ends it.
        if (stream.startsWith('rotation-')) return outputs;
        outputs.push(
          Schedule({
            kind: TERM_END_TIMER,
            dueAt: endOfVietnamDay(event.data.termEnd),
            target: stream,
            payload,
          }),
        );
        return outputs;
      }
      default:
        return [Ignore(`${recorded.type} does not change the person's record`)];
    }
  },
};
