import { RecordedEvent } from '../../event-store/event-envelope';
import { timerIdFor } from '../../jobs/timers/timer.events';
import { Cancel, Ignore, Saga, SagaOutput, Schedule } from '../../sagas/saga';
import { CASE_PROCEDURES } from '../case-stream';
import { endOfVietnamDay, STEP_DEADLINE_TIMER } from './step-deadline';

const cause = (streamId: string, stepId: string) => `${streamId}/${stepId}`;

/**
 * Every step with a time limit gets a durable timer when it becomes current; finishing the step
 * cancels it. The timer handler re-checks the case, so a cancel lost in a crash is harmless.
 */
export const stepDeadlineSaga: Saga = {
  name: 'step-deadlines',
  filter: { streamPrefix: CASE_PROCEDURES.map((procedure) => `${procedure}-`) },
  handle(event: RecordedEvent): SagaOutput[] {
    const data = event.data as {
      caseId?: string;
      firstStepId?: string;
      firstStepDueOn?: string | null;
      stepId?: string;
      nextStepId?: string | null;
      nextStepDueOn?: string | null;
    };
    const caseId = event.streamId.slice(event.streamId.indexOf('-') + 1);
    const schedule = (stepId: string, dueOn: string): SagaOutput =>
      Schedule({
        kind: STEP_DEADLINE_TIMER,
        dueAt: endOfVietnamDay(dueOn),
        target: event.streamId,
        payload: { caseId, stepId, dueOn },
        cause: cause(event.streamId, stepId),
      });
    if (event.type === 'CaseOpened' && data.firstStepId && data.firstStepDueOn)
      return [schedule(data.firstStepId, data.firstStepDueOn)];
    if (data.stepId && data.nextStepId !== undefined && data.nextStepId !== data.stepId) {
      const outputs: SagaOutput[] = [
        Cancel(
          timerIdFor(cause(event.streamId, data.stepId), STEP_DEADLINE_TIMER),
          'step completed',
        ),
      ];
      if (data.nextStepId && data.nextStepDueOn)
        outputs.push(schedule(data.nextStepId, data.nextStepDueOn));
      return outputs;
    }
    return [Ignore('no step changed')];
  },
};
