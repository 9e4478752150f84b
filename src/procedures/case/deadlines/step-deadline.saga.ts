import { RecordedEvent } from '../../../event-store/event-envelope';
import { timerIdFor } from '../../../jobs/timers/timer.events';
import { Cancel, Ignore, Saga, SagaOutput, Schedule } from '../../../sagas/saga';
import { asCaseStreamEvent, CASE_PROCEDURES } from '../case-stream';
import { endOfVietnamDay, STEP_DEADLINE_TIMER } from './step-deadline';

const cause = (streamId: string, stepId: string) => `${streamId}/${stepId}`;
/** A recomputed deadline's timer: a new timer per due day (a timer id is scheduled once). */
const recomputedCause = (streamId: string, stepId: string, dueOn: string) =>
  `${cause(streamId, stepId)}@${dueOn}`;

/** The timer for a step's due day; `timerCause` names a recomputed day's own timer. */
function scheduleStep(
  streamId: string,
  stepId: string,
  dueOn: string,
  timerCause?: string,
): SagaOutput {
  return Schedule({
    kind: STEP_DEADLINE_TIMER,
    dueAt: endOfVietnamDay(dueOn),
    target: streamId,
    payload: { caseId: streamId.slice(streamId.indexOf('-') + 1), stepId, dueOn },
    cause: timerCause ?? cause(streamId, stepId),
  });
}

const stepTimerId = (streamId: string, stepId: string) =>
  timerIdFor(cause(streamId, stepId), STEP_DEADLINE_TIMER);

/** A step recorded: its timer is cancelled and the next step's, if it has a due day, scheduled. */
function stepMoved(
  streamId: string,
  data: { stepId: string; nextStepId?: string | null; nextStepDueOn?: string | null },
): SagaOutput[] {
  const { stepId, nextStepId, nextStepDueOn } = data;
  if (nextStepId === stepId) return [Ignore('no step changed')];
  const outputs: SagaOutput[] = [Cancel(stepTimerId(streamId, stepId), 'step completed')];
  if (nextStepId && nextStepDueOn) outputs.push(scheduleStep(streamId, nextStepId, nextStepDueOn));
  return outputs;
}

/**
 * The step's first timer or a recomputed one, whichever was pending, gives way to the new day. A
 * step finished later cancels only its first timer: a recomputed one still pending then fires and
 * finds the step no longer current (decideDeadlineMissed).
 */
function deadlineRecomputed(
  streamId: string,
  data: { stepId: string; previousDueOn: string; dueOn: string },
): SagaOutput[] {
  const { stepId, previousDueOn, dueOn } = data;
  return [
    Cancel(stepTimerId(streamId, stepId), 'recomputed'),
    Cancel(
      timerIdFor(recomputedCause(streamId, stepId, previousDueOn), STEP_DEADLINE_TIMER),
      'recomputed',
    ),
    scheduleStep(streamId, stepId, dueOn, recomputedCause(streamId, stepId, dueOn)),
  ];
}

/**
 * Every step with a time limit gets a durable timer when it becomes current; finishing the step
 * cancels it. The timer handler re-checks the case, so a cancel lost in a crash is harmless.
 */
export const stepDeadlineSaga: Saga = {
  name: 'step-deadlines',
  filter: { streamPrefix: CASE_PROCEDURES.map((procedure) => `${procedure}-`) },
  handle(event: RecordedEvent): SagaOutput[] {
    const e = asCaseStreamEvent(event);
    switch (e.type) {
      case 'CaseOpened':
        return e.data.firstStepDueOn
          ? [scheduleStep(event.streamId, e.data.firstStepId, e.data.firstStepDueOn)]
          : [Ignore('no step changed')];
      case 'ProposalRecorded':
      case 'MeetingRecorded':
      case 'NominationTallied':
      case 'BallotTallied':
      case 'VettingItemsRecorded':
      case 'DecisionIssued':
      case 'DisciplineStepRecorded':
      case 'DisciplineBallotTallied':
      case 'DisciplineDecided':
        return stepMoved(event.streamId, e.data);
      case 'StepDeadlineRecomputed':
        return deadlineRecomputed(event.streamId, e.data);
      // A discipline case's first step is not scheduled here (as before: its time limit is the
      // case's own, decideBy); the other events move no step.
      case 'DisciplineCaseOpened':
      case 'VettingItemResolved':
      case 'VettingItemFlaggedFromRecord':
      case 'CaseRejected':
      case 'CaseWithdrawn':
      case 'DeadlineMissed':
      case 'DisciplineTimeLimitExtended':
      case 'DisciplineComplaintFiled':
      case 'DisciplineComplaintReviewed':
      case 'DisciplineCaseClosed':
        return [Ignore('no step changed')];
      default: {
        const unknownType: never = e;
        void unknownType;
        return [Ignore('no step changed')];
      }
    }
  },
};
