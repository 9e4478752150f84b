import { RecordedEvent } from '../../../event-store/event-envelope';
import { EventStore } from '../../../event-store/event-store.port';
import { timerIdFor } from '../../../jobs/timers/timer.events';
import { Cancel, Saga, SagaOutput } from '../../../sagas/saga';
import { isWrittenWith } from '../../../sagas/written-with';
import {
  STEP_DEADLINES_SAGA,
  StepDeadlineEvent,
  stepDeadlineOutputs,
  stepDeadlineSaga,
} from './step-deadline.saga';

/** Events that end a case whatever step it stood at: staff end it, or a step's result does. */
const ENDING_TYPES: ReadonlySet<string> = new Set([
  'CaseWithdrawn',
  'CaseRejected',
  'DisciplineCaseClosed',
]);
/** Step events that end a case when they send it to no next step: its decision, a time bar. */
const DECIDING_TYPES: ReadonlySet<string> = new Set([
  'DecisionIssued',
  'DisciplineDecided',
  'DisciplineTimeBarred',
]);

/**
 * The case leaves every step with this event: withdrawn, rejected, closed, decided or time-barred.
 * Its step-deadline timers are then swept by the saga (`closedCaseTimers`), never written with it.
 */
export function closesCase(event: Pick<StepDeadlineEvent, 'type' | 'data'>): boolean {
  if (ENDING_TYPES.has(event.type)) return true;
  return DECIDING_TYPES.has(event.type) && (event.data.nextStepId ?? null) === null;
}

/**
 * The timers (of `kind`, if named) a saga's outputs for `events` set and did not settle
 * themselves, in the order set. A fired one is among them; cancelling it changes nothing.
 */
export function unsettledTimers(
  events: readonly StepDeadlineEvent[],
  outputsOf: (event: StepDeadlineEvent) => readonly SagaOutput[],
  kind?: string,
): string[] {
  const scheduled: string[] = [];
  const settled = new Set<string>();
  for (const event of events)
    for (const output of outputsOf(event)) {
      if (output.kind === 'Cancel') settled.add(output.timerId);
      if (output.kind !== 'Schedule') continue;
      for (const superseded of output.timer.supersedes ?? []) settled.add(superseded);
      if (kind === undefined || output.timer.kind === kind)
        scheduled.push(timerIdFor(output.timer.cause ?? event.id, output.timer.kind));
    }
  return [...new Set(scheduled)].filter((timerId) => !settled.has(timerId));
}

/**
 * The step-deadline timers the saga set on a case up to and including `events`' last and did not
 * settle itself: a withdrawn or rejected case's current step's, a recomputed day's its step left
 * pending (`deadlineRecomputed`), a correction's own (`correctedCause`).
 */
export const unsettledStepTimers = (events: readonly StepDeadlineEvent[]): string[] =>
  unsettledTimers(events, stepDeadlineOutputs);

/** The case's events up to and including `event` (the saga's own view of the case then). */
export async function eventsUpTo(
  store: Pick<EventStore, 'readStream'>,
  event: RecordedEvent,
): Promise<RecordedEvent[]> {
  const upTo = await store.readStream(event.streamId, { limit: event.revision + 1 });
  return upTo.some((one) => one.id === event.id) ? upTo : [...upTo, event];
}

/**
 * A case that ends cancels every step-deadline timer it still has: before, a withdrawn or rejected
 * case's current step's timer stayed scheduled (counted pending in /health and /metrics, queued in
 * Redis near its day) to fire on a closed case and do nothing. The case's events up to the ending
 * one say which (the same at every delivery: a repeat cancels what is already cancelled, a no-op).
 */
export async function closedCaseTimers(
  store: Pick<EventStore, 'readStream'>,
  event: RecordedEvent,
): Promise<SagaOutput[]> {
  if (!closesCase(event)) return [];
  return unsettledStepTimers(await eventsUpTo(store, event)).map((timerId) =>
    Cancel(timerId, 'case closed'),
  );
}

/** The step-deadlines saga with its sweep of an ended case's timers, reading the case's stream. */
export function stepDeadlineSagaOn(store: Pick<EventStore, 'readStream'>): Saga {
  return {
    ...stepDeadlineSaga,
    handle: async (event, context) => {
      const own = await stepDeadlineSaga.handle(event, context);
      // A decision written with its step's timer cancel (StepTimersAlongside) is left as written:
      // reading and writing again for every decided case cost a read and a write a case (issue
      // 21), for timers a recompute or correction left behind that fire on the closed case and do
      // nothing. Withdrawn, rejected and closed cases are never written so: they are swept here.
      if (isWrittenWith(event.metadata, STEP_DEADLINES_SAGA)) return own;
      // The event's own cancel is settled in the sweep's reading: it is not cancelled twice.
      const swept = await closedCaseTimers(store, event);
      return swept.length ? [...own.filter((output) => output.kind !== 'Ignore'), ...swept] : own;
    },
  };
}
