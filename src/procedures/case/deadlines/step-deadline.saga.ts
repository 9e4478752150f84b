import { RecordedEvent } from '../../../event-store/event-envelope';
import { timerIdFor } from '../../../jobs/timers/timer.events';
import { Cancel, Ignore, Saga, SagaOutput, Schedule } from '../../../sagas/saga';
import { StepCorrectedData } from '../../../workflow/step-engine';
import { asCaseStreamEvent, CASE_PROCEDURES } from '../case-stream';
import { endOfVietnamDay, STEP_DEADLINE_TIMER } from './step-deadline';
import { vietnamDay } from '../../../common/vietnam-day';

const cause = (streamId: string, stepId: string) => `${streamId}/${stepId}`;
/**
 * The timer of a step's visit: the step's first id for the first (as every timer already stored
 * is named), its own for a later one. A step current again after the case left it (a vetting
 * completed, corrected as incomplete and completed again makes the decision step current twice)
 * had its first timer settled, and a timer id is scheduled once: under the first id the new
 * deadline would be dropped as a repeat, and nothing would watch the step.
 */
const visitCause = (streamId: string, stepId: string, visit: number | undefined) =>
  visit && visit > 1 ? `${cause(streamId, stepId)}~${visit}` : cause(streamId, stepId);
/**
 * A recomputed deadline's timer: a new timer per visit and due day (a timer id is scheduled once:
 * a later visit recomputed to a day an earlier one was would otherwise be dropped as a repeat).
 */
const recomputedCause = (streamId: string, stepId: string, dueOn: string, visit?: number) =>
  `${visitCause(streamId, stepId, visit)}@${dueOn}`;
/**
 * The timer of a step a correction recorded before corrections named their visit
 * (`StepCorrectedData.nextStepVisit`) made current: the correction's own. The step may have had
 * a timer already, settled when the case left it (a vetting found incomplete after all, a ballot
 * corrected to a failure and back to a pass), and a timer id is scheduled once: under the step's
 * first id the new deadline would be dropped as a repeat, and nothing would watch the step. The
 * event id is the same at every delivery of the correction, so repeating it schedules nothing new.
 */
const correctedCause = (streamId: string, stepId: string, correctionId: string) =>
  `${cause(streamId, stepId)}#${correctionId}`;

/** The case event a timer is set or cancelled for: its id and stream, and the day it was recorded. */
interface StepEvent {
  id: string;
  streamId: string;
  /** '' when the event carries no business time (events written before it was recorded). */
  recordedOn: string;
}

/** What the saga reads of a case event: also an event about to be appended (`StepTimersAlongside`). */
export type StepDeadlineEvent = Pick<
  RecordedEvent,
  'id' | 'streamId' | 'type' | 'data' | 'metadata'
>;

function stepEventOf(event: StepDeadlineEvent): StepEvent {
  const occurredAt = new Date(event.metadata?.occurredAt ?? Number.NaN);
  const recordedOn = Number.isNaN(occurredAt.getTime()) ? '' : vietnamDay(occurredAt);
  return { id: event.id, streamId: event.streamId, recordedOn };
}

/**
 * The timer for a step's due day: its visit's own (`visitCause`), unless `timerCause` names
 * another (a recomputed day's, a correction's); `supersedes` the pending timer it takes over from.
 */
function scheduleStep(
  at: StepEvent,
  stepId: string,
  dueOn: string,
  {
    visit,
    timerCause,
    missedIfPast,
    supersedes,
  }: { visit?: number; timerCause?: string; missedIfPast?: boolean; supersedes?: string } = {},
): SagaOutput {
  const { streamId, recordedOn } = at;
  // A step entered after the fact (a case kept on paper) may have a deadline that had passed
  // before anyone typed it in: no timer can watch it; the steps' held-on days tell if it was
  // kept. (A recomputed deadline that moved into the past is missed: its timer still fires.)
  if (!missedIfPast && dueOn < recordedOn)
    return Ignore(`deadline ${dueOn} had passed when the step was recorded (${recordedOn})`);
  return Schedule({
    kind: STEP_DEADLINE_TIMER,
    dueAt: endOfVietnamDay(dueOn),
    target: streamId,
    payload: { caseId: streamId.slice(streamId.indexOf('-') + 1), stepId, dueOn },
    cause: timerCause ?? visitCause(streamId, stepId, visit),
    ...(supersedes ? { supersedes: [supersedes] } : {}),
  });
}

/** The timer of a step's visit (absent: the first), as a step event names it (`stepVisit`, `nextStepVisit`). */
export const stepTimerId = (streamId: string, stepId: string, visit?: number) =>
  timerIdFor(visitCause(streamId, stepId, visit), STEP_DEADLINE_TIMER);

/**
 * A step recorded: the next step's timer, if it has a due day, takes over from the step's own (one
 * event where a cancel and a schedule were two: bench/README.md, thirty-second session); with no
 * next timer, the step's own is cancelled. Each is its visit's (the event names both).
 */
function stepMoved(
  at: StepEvent,
  data: {
    stepId: string;
    nextStepId?: string | null;
    nextStepDueOn?: string | null;
    stepVisit?: number;
    nextStepVisit?: number;
  },
): SagaOutput[] {
  const { stepId, nextStepId, nextStepDueOn, stepVisit, nextStepVisit } = data;
  if (nextStepId === stepId) return [Ignore('no step changed')];
  const own = stepTimerId(at.streamId, stepId, stepVisit);
  const next =
    nextStepId && nextStepDueOn
      ? scheduleStep(at, nextStepId, nextStepDueOn, { visit: nextStepVisit, supersedes: own })
      : null;
  if (next?.kind === 'Schedule') return [next];
  return next ? [Cancel(own, 'step completed'), next] : [Cancel(own, 'step completed')];
}

/**
 * The current visit's timer or a recomputed one of that visit, whichever was pending, gives way to
 * the new day (before, the step's first visit's timer was cancelled whatever the visit, and a
 * later visit's stayed pending with the old day). A step finished later cancels only its visit's
 * timer: a recomputed one still pending then fires and finds the step no longer current
 * (decideDeadlineMissed).
 */
function deadlineRecomputed(
  at: StepEvent,
  data: { stepId: string; previousDueOn: string; dueOn: string; stepVisit?: number },
): SagaOutput[] {
  const { streamId } = at;
  const { stepId, previousDueOn, dueOn, stepVisit } = data;
  return [
    Cancel(stepTimerId(streamId, stepId, stepVisit), 'recomputed'),
    Cancel(
      timerIdFor(recomputedCause(streamId, stepId, previousDueOn, stepVisit), STEP_DEADLINE_TIMER),
      'recomputed',
    ),
    scheduleStep(at, stepId, dueOn, {
      timerCause: recomputedCause(streamId, stepId, dueOn, stepVisit),
      missedIfPast: true,
    }),
  ];
}

/**
 * A correction moves the case from where the replaced version sent it to where the corrected one
 * does: the replaced next step's timer goes, the step the corrected one leaves current gets a
 * timer of the visit the correction begins (`nextStepVisit`): the next step (a failed ballot
 * corrected to a pass completes the step), or the corrected step itself when the case goes back
 * to it (a vetting corrected as incomplete). Leaving that step later names the same visit, so
 * its timer is cancelled or superseded as any visit's. A correction recorded before it names
 * its visit keeps the timer of its own (`correctedCause`), the same at every delivery. A pass
 * corrected to a failure ends the case by the event after it, which cancels the case's timers
 * still pending (`closedCaseTimers`).
 */
function correctedDeadlines(at: StepEvent, data: StepCorrectedData): SagaOutput[] {
  const { streamId } = at;
  const { stepId, replacedNextStepId: before, replacedNextStepVisit, nextStepVisit } = data;
  const after = (data.corrected.data.nextStepId as string | null) ?? null;
  const dueOn = (data.corrected.data.nextStepDueOn as string | null) ?? null;
  const stepVisit = data.corrected.data.stepVisit as number | undefined;
  if (before === after) return [Ignore('no step changed')];
  const cancel = (id: string, visit: number | undefined, why: string) =>
    Cancel(stepTimerId(streamId, id, visit), why);
  const outputs: SagaOutput[] = [];
  if (after !== stepId) outputs.push(cancel(stepId, stepVisit, 'step completed by its correction'));
  if (before && before !== stepId)
    outputs.push(cancel(before, replacedNextStepVisit, 'step no longer current'));
  if (after && dueOn)
    outputs.push(
      scheduleStep(
        at,
        after,
        dueOn,
        nextStepVisit === undefined
          ? { timerCause: correctedCause(streamId, after, at.id) }
          : { visit: nextStepVisit },
      ),
    );
  return outputs.length ? outputs : [Ignore('no step changed')];
}

export const STEP_DEADLINES_SAGA = 'step-deadlines';

/**
 * Every step with a time limit gets a durable timer when it becomes current; the next step's timer
 * supersedes it when the step is finished, or it is cancelled when no next timer follows. The
 * timer handler re-checks the case, so a cancel lost in a crash is harmless. When the case ends, the
 * running saga (`stepDeadlineSagaOn`) also cancels every one it left pending. A case command writes
 * these timers itself where it can (`StepTimersAlongside`); the saga carries out those of the
 * events it did not.
 */
export const stepDeadlineSaga: Saga = {
  name: STEP_DEADLINES_SAGA,
  filter: { streamPrefix: CASE_PROCEDURES.map((procedure) => `${procedure}-`) },
  handle: (event: RecordedEvent): SagaOutput[] => stepDeadlineOutputs(event),
  // Every timer it sets or cancels is its case's own: cases go side by side, a case in order.
  orderingKey: (event: RecordedEvent) => event.streamId,
};

/** The timers a case event sets and cancels: the step-deadlines saga, as a pure function. */
export function stepDeadlineOutputs(event: StepDeadlineEvent): SagaOutput[] {
  const at = stepEventOf(event);
  const e = asCaseStreamEvent(event);
  switch (e.type) {
    case 'CaseOpened':
      return e.data.firstStepDueOn
        ? [scheduleStep(at, e.data.firstStepId, e.data.firstStepDueOn)]
        : [Ignore('no step changed')];
    case 'ProposalRecorded':
    case 'MeetingRecorded':
    case 'NominationTallied':
    case 'BallotTallied':
    case 'ElectionResultRecorded':
    case 'CandidatesRegistered':
    case 'ExamScoresRecorded':
    case 'VettingItemsRecorded':
    case 'DecisionIssued':
    case 'DisciplineStepRecorded':
    case 'DisciplineBallotTallied':
    case 'DisciplineDecided':
    case 'DisciplineTimeBarred':
      return stepMoved(at, e.data);
    case 'StepCorrected':
      return correctedDeadlines(at, e.data);
    case 'StepDeadlineRecomputed':
      return deadlineRecomputed(at, e.data);
    // A longer time to decide lets a step the old one cut short run to its own day.
    case 'DisciplineTimeLimitExtended':
      return e.data.currentStepDue
        ? deadlineRecomputed(at, {
            ...e.data.currentStepDue,
            previousDueOn: e.data.currentStepDue.previousDueOn ?? '',
          })
        : [Ignore('no step changed')];
    // A discipline case's first step is not scheduled here (as before: its time limit is the
    // case's own, decideBy); the other events move no step. An event that ends the case (withdrawn,
    // rejected, closed) cancels its timers still pending: the saga reads them from the case's
    // stream (`stepDeadlineSagaOn`), this pure mapping cannot.
    case 'DisciplineCaseOpened':
    case 'VettingItemResolved':
    case 'VettingItemFlaggedFromRecord':
    case 'VettingItemClearedFromRecord':
    case 'RenewedTermCorrected':
    case 'CaseRejected':
    case 'CaseWithdrawn':
    case 'DeadlineMissed':
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
}
