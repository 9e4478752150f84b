import { RecordedEvent } from '../../../event-store/event-envelope';
import { timerIdFor } from '../../../jobs/timers/timer.events';
import { Cancel, Ignore, Saga, SagaOutput, Schedule } from '../../../sagas/saga';
import { StepCorrectedData } from '../../../workflow/step-engine';
import { asCaseStreamEvent, CASE_PROCEDURES } from '../case-stream';
import { endOfVietnamDay, STEP_DEADLINE_TIMER } from './step-deadline';

const cause = (streamId: string, stepId: string) => `${streamId}/${stepId}`;
/** A recomputed deadline's timer: a new timer per due day (a timer id is scheduled once). */
const recomputedCause = (streamId: string, stepId: string, dueOn: string) =>
  `${cause(streamId, stepId)}@${dueOn}`;

/**
 * A correction moves the case from where the replaced version sent it to where the corrected one
 * does: the replaced next step's timer goes, the corrected next step's comes (a failed ballot
 * corrected to a pass completes the step; a pass corrected to a failure ends the case).
 */
function correctedDeadlines(
  streamId: string,
  data: StepCorrectedData,
  schedule: (stepId: string, dueOn: string) => SagaOutput,
): SagaOutput[] {
  const { stepId, replacedNextStepId: before } = data;
  const after = (data.corrected.data.nextStepId as string | null) ?? null;
  const dueOn = (data.corrected.data.nextStepDueOn as string | null) ?? null;
  if (before === after) return [Ignore('no step changed')];
  const cancel = (id: string, why: string) =>
    Cancel(timerIdFor(cause(streamId, id), STEP_DEADLINE_TIMER), why);
  const outputs: SagaOutput[] = [];
  if (after !== stepId) outputs.push(cancel(stepId, 'step completed by its correction'));
  if (before && before !== stepId) outputs.push(cancel(before, 'step no longer current'));
  if (after && after !== stepId && dueOn) outputs.push(schedule(after, dueOn));
  return outputs.length ? outputs : [Ignore('no step changed')];
}

/**
 * Every step with a time limit gets a durable timer when it becomes current; finishing the step
 * cancels it. The timer handler re-checks the case, so a cancel lost in a crash is harmless.
 */
export const stepDeadlineSaga: Saga = {
  name: 'step-deadlines',
  filter: { streamPrefix: CASE_PROCEDURES.map((procedure) => `${procedure}-`) },
  handle(event: RecordedEvent): SagaOutput[] {
    const caseId = event.streamId.slice(event.streamId.indexOf('-') + 1);
    const schedule = (stepId: string, dueOn: string, timerCause?: string): SagaOutput =>
      Schedule({
        kind: STEP_DEADLINE_TIMER,
        dueAt: endOfVietnamDay(dueOn),
        target: event.streamId,
        payload: { caseId, stepId, dueOn },
        cause: timerCause ?? cause(event.streamId, stepId),
      });
    const e = asCaseStreamEvent(event);
    switch (e.type) {
      case 'CaseOpened':
        return e.data.firstStepDueOn
          ? [schedule(e.data.firstStepId, e.data.firstStepDueOn)]
          : [Ignore('no step changed')];
      case 'ProposalRecorded':
      case 'MeetingRecorded':
      case 'NominationTallied':
      case 'BallotTallied':
      case 'VettingItemsRecorded':
      case 'DecisionIssued':
      case 'DisciplineStepRecorded':
      case 'DisciplineBallotTallied':
      case 'DisciplineDecided': {
        const { stepId, nextStepId, nextStepDueOn } = e.data;
        if (nextStepId === stepId) return [Ignore('no step changed')];
        const outputs: SagaOutput[] = [
          Cancel(timerIdFor(cause(event.streamId, stepId), STEP_DEADLINE_TIMER), 'step completed'),
        ];
        if (nextStepId && nextStepDueOn) outputs.push(schedule(nextStepId, nextStepDueOn));
        return outputs;
      }
      case 'StepCorrected':
        return correctedDeadlines(event.streamId, e.data, schedule);
      // The step's first timer or a recomputed one, whichever was pending, gives way to the new
      // day. A step finished later cancels only its first timer: a recomputed one still pending
      // then fires and finds the step no longer current (decideDeadlineMissed).
      case 'StepDeadlineRecomputed': {
        const { stepId, previousDueOn, dueOn } = e.data;
        return [
          Cancel(timerIdFor(cause(event.streamId, stepId), STEP_DEADLINE_TIMER), 'recomputed'),
          Cancel(
            timerIdFor(recomputedCause(event.streamId, stepId, previousDueOn), STEP_DEADLINE_TIMER),
            'recomputed',
          ),
          schedule(stepId, dueOn, recomputedCause(event.streamId, stepId, dueOn)),
        ];
      }
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
