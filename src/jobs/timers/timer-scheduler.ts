import { Clock } from '../../common/clock';
import { EventMetadata } from '../../event-store/event-envelope';
import { EventStore } from '../../event-store/event-store.port';
import { JobNames, JobQueue } from '../job-queue';
import {
  TimerCancelledData,
  timerEventId,
  timerIdFor,
  TimerScheduledData,
  timerStreamId,
} from './timer.events';
import { isWriteRace, loadTimer } from './timer-stream';

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
}

/** Who asks: goes into the metadata of the timer's events. */
export interface TimerRequestMetadata {
  actorId: string;
  correlationId: string;
  causationId: string | null;
}

export interface ScheduleOutcome {
  timerId: string;
  /** False when the timer already existed (scheduled, fired or cancelled): nothing was written. */
  created: boolean;
  status: 'scheduled' | 'fired' | 'cancelled';
}

export interface CancelOutcome {
  timerId: string;
  cancelled: boolean;
  status: 'absent' | 'scheduled' | 'fired' | 'cancelled';
}

/**
 * Writes timers to the event store (the source of truth) and hands them to BullMQ for delivery.
 * A crash between the two is repaired by the reconciler, which re-enqueues every pending timer.
 */
export class TimerScheduler {
  constructor(
    private readonly store: EventStore,
    private readonly queue: JobQueue,
    private readonly clock: Clock,
  ) {}

  async schedule(
    request: ScheduleTimerRequest,
    meta: TimerRequestMetadata,
  ): Promise<ScheduleOutcome> {
    if (Number.isNaN(request.dueAt.getTime()))
      throw new Error(`timer ${request.kind}: dueAt is not a valid date`);
    const timerId = timerIdFor(request.cause, request.kind);
    const data: TimerScheduledData = {
      timerId,
      dueAt: request.dueAt.toISOString(),
      kind: request.kind,
      target: request.target,
      payload: request.payload ?? {},
    };
    let created = false;
    let loaded = await loadTimer(this.store, timerId);
    if (loaded.state.status === 'absent') {
      try {
        await this.store.append(
          timerStreamId(timerId),
          [
            {
              id: timerEventId(timerId, 'scheduled'),
              type: 'TimerScheduled',
              data: { ...data },
              metadata: this.metadata(meta),
            },
          ],
          { expectedRevision: 'no_stream' },
        );
        created = true;
      } catch (error) {
        if (!isWriteRace(error)) throw error;
      }
      if (!created) loaded = await loadTimer(this.store, timerId);
    }
    const status = created ? 'scheduled' : loaded.state.status;
    if (status === 'absent') throw new Error(`timer ${timerId} vanished while being scheduled`);
    if (status === 'scheduled') {
      const dueAt = created
        ? data.dueAt
        : loaded.state.status === 'scheduled'
          ? loaded.state.timer.dueAt
          : data.dueAt;
      // A no-op when BullMQ already holds the job (same job id).
      await this.queue.add(
        JobNames.timerFire,
        { timerId },
        timerId,
        new Date(dueAt).getTime() - this.clock.now().getTime(),
      );
    }
    return { timerId, created, status };
  }

  /** Cancels a scheduled timer; a fired or cancelled one is left as it is. */
  async cancel(
    timerId: string,
    meta: TimerRequestMetadata,
    reason?: string,
  ): Promise<CancelOutcome> {
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const loaded = await loadTimer(this.store, timerId);
      if (loaded.state.status !== 'scheduled') {
        return { timerId, cancelled: false, status: loaded.state.status };
      }
      const data: TimerCancelledData = reason ? { timerId, reason } : { timerId };
      try {
        await this.store.append(
          timerStreamId(timerId),
          [
            {
              id: timerEventId(timerId, 'cancelled'),
              type: 'TimerCancelled',
              data: { ...data },
              metadata: this.metadata(meta),
            },
          ],
          { expectedRevision: loaded.revision ?? 'no_stream' },
        );
      } catch (error) {
        if (isWriteRace(error)) continue;
        throw error;
      }
      // If the job is running right now it re-reads the stream and finds the timer cancelled.
      await this.queue.remove(timerId).catch(() => false);
      return { timerId, cancelled: true, status: 'cancelled' };
    }
    throw new Error(`timer ${timerId}: could not cancel, the stream kept changing`);
  }

  private metadata(meta: TimerRequestMetadata): EventMetadata {
    return {
      actorId: meta.actorId,
      correlationId: meta.correlationId,
      causationId: meta.causationId,
      occurredAt: this.clock.now().toISOString(),
    };
  }
}
