import { RecordedEvent } from '../../../event-store/event-envelope';
import { timerIdFor } from '../../../jobs/timers/timer.events';
import { Cancel, Ignore, Saga, SagaOutput, Schedule } from '../../../sagas/saga';
import { asCaseStreamEvent, CASE_PROCEDURES } from '../case-stream';
import { endOfVietnamDay, STEP_DEADLINE_TIMER } from './step-deadline';
import { vietnamDay } from '../../../common/vietnam-day';

const cause = (streamId: string, stepId: string) => `${streamId}/${stepId}`;
/** A recomputed deadline's timer: a new timer per due day (a timer id is scheduled once). */
const recomputedCause = (streamId: string, stepId: string, dueOn: string) =>
  `${cause(streamId, stepId)}@${dueOn}`;

/**
 * Every step with a time limit gets a durable timer when it becomes current; finishing the step
 * cancels it. The timer handler re-checks the case, so a cancel lost in a crash is harmless.
 */
export const stepDeadlineSaga: Saga = {
  name: 'step-deadlines',
  filter: { streamPrefix: CASE_PROCEDURES.map((procedure) => `${procedure}-`) },
  handle(event: RecordedEvent): SagaOutput[] {
    const caseId = event.streamId.slice(event.streamId.indexOf('-') + 1);
    const occurredAt = new Date(event.metadata?.occurredAt ?? Number.NaN);
    const recordedOn = Number.isNaN(occurredAt.getTime()) ? '' : vietnamDay(occurredAt);
    const schedule = (stepId: string, dueOn: string, timerCause?: string): SagaOutput =>
      // A step entered after the fact (a case kept on paper) may have a deadline that had passed
      // before anyone typed it in: no timer can watch it; the steps' held-on days tell if it was
      // kept. (A recomputed deadline that moved into the past is missed: its timer still fires.)
      !timerCause && dueOn < recordedOn
        ? Ignore(`deadline ${dueOn} had passed when the step was recorded (${recordedOn})`)
        : Schedule({
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
