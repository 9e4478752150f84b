import { sagaRegistration } from '../../../sagas/saga-registration';
import { RecordStepDeadlineMissed } from './record-step-deadline-missed';
import { STEP_DEADLINE_TIMER } from './step-deadline';
import { stepDeadlineSaga } from './step-deadline.saga';

type StepDeadlineTimer = { caseId: string; stepId: string; dueOn: string };

/** The step-deadline saga and the command its timer sends. */
export const StepDeadlinesRegistration = sagaRegistration({
  saga: stepDeadlineSaga,
  timers: {
    [STEP_DEADLINE_TIMER]: ({ target, payload }) => {
      const { caseId, stepId, dueOn } = payload as StepDeadlineTimer;
      return new RecordStepDeadlineMissed(target, caseId, stepId, dueOn);
    },
  },
});
