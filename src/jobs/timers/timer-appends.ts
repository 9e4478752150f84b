import { EventMetadata, NewEvent } from '../../event-store/event-envelope';
import { StreamAppend } from '../../event-store/event-store.port';
import {
  TimerCancelledData,
  timerEventId,
  timerIdFor,
  TimerScheduledData,
  timerStreamId,
} from './timer.events';

/** Where a pending timer's stream stands: its TimerScheduled, and nothing after it. */
export const PENDING_TIMER_REVISION = 0;

export interface ScheduleTimerRequest {
  kind: string;
  dueAt: Date;
  /** The case or person stream the timer acts on. */
  target: string;
  payload?: Record<string, unknown>;
  /**
   * What makes this timer unique: the triggering event id, or a business key (`<caseId>/<stepId>`)
   * when it must be found again to cancel it. timerId = timerIdFor(cause, kind).
   */
  cause: string;
  /** Pending timers this one takes over from, settled without a TimerCancelled each. */
  supersedes?: string[];
}

export interface TimerCancelRequest {
  timerId: string;
  reason?: string;
}

/** The TimerScheduled a request makes; its timer id follows from its cause and kind. */
export function scheduledData(request: ScheduleTimerRequest): TimerScheduledData {
  if (Number.isNaN(request.dueAt.getTime()))
    throw new Error(`timer ${request.kind}: dueAt is not a valid date`);
  return {
    timerId: timerIdFor(request.cause, request.kind),
    dueAt: request.dueAt.toISOString(),
    kind: request.kind,
    target: request.target,
    payload: request.payload ?? {},
    ...(request.supersedes?.length ? { supersedes: [...request.supersedes] } : {}),
  };
}

export function scheduledEvent(data: TimerScheduledData, metadata: EventMetadata): NewEvent {
  return {
    id: timerEventId(data.timerId, 'scheduled'),
    type: 'TimerScheduled',
    data: { ...data },
    metadata,
  };
}

export function cancelledEvent(
  { timerId, reason }: TimerCancelRequest,
  metadata: EventMetadata,
): NewEvent {
  const data: TimerCancelledData = reason ? { timerId, reason } : { timerId };
  return {
    id: timerEventId(timerId, 'cancelled'),
    type: 'TimerCancelled',
    data: { ...data },
    metadata,
  };
}

/**
 * Cancels and schedules as appends of one multi-stream write, each without a read: a cancel at
 * the pending timer's revision, a schedule at `no_stream`. The store refuses the write when a
 * timer is elsewhere (fired, cancelled, never scheduled; or already scheduled), and the caller
 * then takes them one by one (`TimerScheduler.cancel` and `.schedule` tell those cases apart).
 */
export function timerAppends(
  cancels: readonly TimerCancelRequest[],
  schedules: readonly ScheduleTimerRequest[],
  metadata: EventMetadata,
): { appends: StreamAppend[]; scheduled: TimerScheduledData[] } {
  const scheduled = schedules.map(scheduledData);
  const appends: StreamAppend[] = [
    ...cancels.map((cancel) => ({
      streamId: timerStreamId(cancel.timerId),
      events: [cancelledEvent(cancel, metadata)],
      expectedRevision: PENDING_TIMER_REVISION,
    })),
    ...scheduled.map((data) => ({
      streamId: timerStreamId(data.timerId),
      events: [scheduledEvent(data, metadata)],
      expectedRevision: 'no_stream' as const,
    })),
  ];
  return { appends, scheduled };
}
