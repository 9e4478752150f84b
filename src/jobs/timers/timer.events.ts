import { deterministicId } from '../../common/deterministic-id';

/**
 * Durable timers (step deadlines, re-appointment reminders, term ends, discipline time limits).
 *
 * One stream per timer, `timer-<timerId>`: a timer's life is tiny (scheduled → fired | cancelled),
 * so its stream is at most two events long (one when another timer supersedes it: ADR 15);
 * `no_stream` makes scheduling idempotent and the stream's expected revision serialises fire
 * against cancel for that one timer only, without contending with the other timers of the same
 * case or person.
 */
export const TIMER_STREAM_PREFIX = 'timer-';

export interface TimerScheduledData {
  timerId: string;
  /** ISO 8601 instant at which the timer is due. */
  dueAt: string;
  /** Selects the handler (`step-deadline`, `reappointment-reminder`, `term-end`, `discipline-time-limit`). */
  kind: string;
  /** The case or person stream the timer acts on. */
  target: string;
  payload: Record<string, unknown>;
  /**
   * Timers this one takes over from (a case's next step deadline, the step just taken's): they
   * count as cancelled from this event on without a TimerCancelled of their own
   * (`supersededTimers`). Their streams still end at their TimerScheduled; a job one of them had
   * finds, when it runs, that its step is no longer current.
   */
  supersedes?: string[];
}

export interface TimerFiredData {
  timerId: string;
  firedAt: string;
}

export interface TimerCancelledData {
  timerId: string;
  reason?: string;
}

export type TimerEvent =
  | { type: 'TimerScheduled'; data: TimerScheduledData }
  | { type: 'TimerFired'; data: TimerFiredData }
  | { type: 'TimerCancelled'; data: TimerCancelledData };

export type TimerState =
  | { status: 'absent' }
  | { status: 'scheduled'; timer: TimerScheduledData }
  | { status: 'fired'; timer: TimerScheduledData; firedAt: string }
  | { status: 'cancelled'; timer: TimerScheduledData; reason?: string };

export const initialTimerState = (): TimerState => ({ status: 'absent' });

export function evolveTimer(
  state: TimerState,
  event: { type: string; data: Record<string, unknown> },
): TimerState {
  const typed = event as unknown as TimerEvent;
  switch (typed.type) {
    case 'TimerScheduled':
      return state.status === 'absent' ? { status: 'scheduled', timer: typed.data } : state;
    case 'TimerFired':
      return state.status === 'scheduled'
        ? { status: 'fired', timer: state.timer, firedAt: typed.data.firedAt }
        : state;
    case 'TimerCancelled':
      return state.status === 'scheduled'
        ? { status: 'cancelled', timer: state.timer, reason: typed.data.reason }
        : state;
    default: {
      const unknownType: never = typed;
      void unknownType;
      return state;
    }
  }
}

/**
 * The timers an event settles as superseded: those a TimerScheduled names in `supersedes`. Every
 * reader of timer states folds them in after the event (the timers projection, the reconciler).
 */
export function supersededTimers(event: { type: string; data: Record<string, unknown> }): string[] {
  if (event.type !== 'TimerScheduled') return [];
  const supersedes = (event.data as Partial<TimerScheduledData>).supersedes;
  return Array.isArray(supersedes) ? supersedes : [];
}

/** A pending timer superseded by another: cancelled, as if it had its own TimerCancelled. */
export function supersede(state: TimerState, byTimerId: string): TimerState {
  return state.status === 'scheduled'
    ? { status: 'cancelled', timer: state.timer, reason: `superseded by timer ${byTimerId}` }
    : state;
}

export function timerStreamId(timerId: string): string {
  return `${TIMER_STREAM_PREFIX}${timerId}`;
}

/**
 * The id of the timer a cause schedules: the same cause (triggering event id, or a business key
 * such as `<caseId>/<stepId>` when the timer must be cancellable later) and kind always give the
 * same timer, so scheduling twice is a no-op. UUID-shaped: safe as a BullMQ job id (no `:`).
 */
export function timerIdFor(cause: string, kind: string): string {
  return deterministicId('timer', cause, kind);
}

/** Deterministic ids of the timer's own events (their content may differ between retries). */
export const timerEventId = (timerId: string, what: 'scheduled' | 'fired' | 'cancelled'): string =>
  deterministicId('timer-event', timerId, what);
