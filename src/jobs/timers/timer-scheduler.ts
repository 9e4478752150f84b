import { Clock } from '../../common/clock';
import { EventMetadata } from '../../event-store/event-envelope';
import { WrongExpectedRevision } from '../../event-store/event-store.errors';
import { EventStore } from '../../event-store/event-store.port';
import { JobNames, JobQueue } from '../job-queue';
import { TimerScheduledData, timerStreamId } from './timer.events';
import {
  cancelledEvent,
  PENDING_TIMER_REVISION,
  ScheduleTimerRequest,
  scheduledData,
  scheduledEvent,
  timerAppends,
} from './timer-appends';

export type { ScheduleTimerRequest } from './timer-appends';
import { isWriteRace } from '../../event-store/event-store.errors';
import { loadTimer } from './timer-stream';

/** Who asks: goes into the metadata of the timer's events. */
export interface TimerRequestMetadata {
  actorId: string;
  correlationId: string;
  causationId: string | null;
}

export interface ScheduleOutcome {
  timerId: string;
  /**
   * False when the timer already existed (scheduled, fired or cancelled): nothing was written. An
   * exact repeat of the request that created a timer still pending (same metadata to the
   * millisecond) is answered as that request was: the store cannot tell the two apart.
   */
  created: boolean;
  status: 'scheduled' | 'fired' | 'cancelled';
}

export interface CancelOutcome {
  timerId: string;
  cancelled: boolean;
  status: 'absent' | 'scheduled' | 'fired' | 'cancelled';
}

/**
 * Writes timers to the event store (the source of truth) and hands those due within the queue
 * horizon to BullMQ for delivery; the reconciler queues the others as they come within it, and
 * repairs a crash between the write and the queueing the same way.
 */
export class TimerScheduler {
  constructor(
    private readonly store: EventStore,
    private readonly queue: JobQueue,
    private readonly clock: Clock,
    /** Timers due further ahead are left to the reconcile loop (JobsConfig.queueHorizonMs). */
    private readonly queueHorizonMs = Number.POSITIVE_INFINITY,
  ) {}

  async schedule(
    request: ScheduleTimerRequest,
    meta: TimerRequestMetadata,
  ): Promise<ScheduleOutcome> {
    const data = scheduledData(request);
    const timerId = data.timerId;
    const placed = await this.appendScheduled(timerId, data, meta);
    if (placed) {
      // A no-op when BullMQ already holds the job (same job id).
      await this.enqueue(timerId, data.dueAt);
      return { timerId, created: true, status: 'scheduled' };
    }
    // The stream was there already: a repeated request, or a timer since fired or cancelled.
    const loaded = await loadTimer(this.store, timerId);
    if (loaded.state.status === 'absent')
      throw new Error(`timer ${timerId} vanished while being scheduled`);
    if (loaded.state.status === 'scheduled') await this.enqueue(timerId, loaded.state.timer.dueAt);
    return { timerId, created: false, status: loaded.state.status };
  }

  /**
   * Appends the timer's TimerScheduled at `no_stream` without reading first (its id is
   * deterministic): true when the stream now holds just that event, false when it was already
   * there with other content (a redelivery recorded at another time) or has moved on since.
   */
  private async appendScheduled(
    timerId: string,
    data: TimerScheduledData,
    meta: TimerRequestMetadata,
  ): Promise<boolean> {
    try {
      const { nextRevision } = await this.store.append(
        timerStreamId(timerId),
        [scheduledEvent(data, this.metadata(meta))],
        { expectedRevision: 'no_stream' },
      );
      // The store answers an exact repeat with the stream's head: past 0, the timer was settled.
      return nextRevision === 0;
    } catch (error) {
      if (isWriteRace(error)) return false;
      throw error;
    }
  }

  /**
   * Hands timers just written (by a step's own write, `StepTimersAlongside`) to BullMQ when they
   * are due within the queue horizon; the reconcile loop queues them if this does not.
   */
  async enqueueWritten(scheduled: readonly TimerScheduledData[]): Promise<void> {
    for (const data of scheduled) await this.enqueue(data.timerId, data.dueAt);
  }

  private async enqueue(timerId: string, dueAt: string): Promise<void> {
    const delayMs = new Date(dueAt).getTime() - this.clock.now().getTime();
    if (delayMs > this.queueHorizonMs) return;
    await this.queue.add(JobNames.timerFire, { timerId }, timerId, delayMs);
  }

  /**
   * Cancels a scheduled timer; a fired or cancelled one is left as it is. A pending timer's stream
   * is just its TimerScheduled (revision 0), so the cancel is appended there without reading
   * first; only when the stream is elsewhere is it read, to tell what became of the timer.
   */
  async cancel(
    timerId: string,
    meta: TimerRequestMetadata,
    reason?: string,
  ): Promise<CancelOutcome> {
    const cancelled = cancelledEvent({ timerId, reason }, this.metadata(meta));
    let expected: number = PENDING_TIMER_REVISION;
    for (let attempt = 0; attempt < 5; attempt += 1) {
      try {
        // Stored, or an exact repeat of this very cancel already stored: either way it is cancelled.
        await this.store.append(timerStreamId(timerId), [cancelled], {
          expectedRevision: expected,
        });
      } catch (error) {
        if (!isWriteRace(error)) throw error;
        // Never scheduled: there is nothing to cancel, and nothing to read.
        if (error instanceof WrongExpectedRevision && error.actual === null)
          return { timerId, cancelled: false, status: 'absent' };
        const loaded = await loadTimer(this.store, timerId);
        if (loaded.state.status !== 'scheduled')
          return { timerId, cancelled: false, status: loaded.state.status };
        // Still pending at another revision than a timer stream starts with: cancel at its head.
        expected = loaded.revision ?? PENDING_TIMER_REVISION;
        continue;
      }
      // Its job, if it has one (due within the queue horizon), is left in Redis: it reads the
      // stream when it runs and finds the timer cancelled. Most timers never had a job.
      return { timerId, cancelled: true, status: 'cancelled' };
    }
    throw new Error(`timer ${timerId}: could not cancel, the stream kept changing`);
  }

  /**
   * Cancels and schedules timers in one write (a step's timer gives way to the next step's): one
   * statement and one commit instead of one each. True when it was written so; false when the
   * store refused it (a timer to cancel that is not pending at its first revision, one to schedule
   * that exists, a repeat recorded at another time): nothing was written, and the caller takes
   * them one by one with `cancel` and `schedule`, which tell those cases apart.
   */
  async cancelAndScheduleAtOnce(
    cancels: readonly { timerId: string; reason?: string }[],
    schedules: readonly ScheduleTimerRequest[],
    meta: TimerRequestMetadata,
  ): Promise<boolean> {
    const { appends, scheduled } = timerAppends(cancels, schedules, this.metadata(meta));
    if (new Set(appends.map((append) => append.streamId)).size !== appends.length) return false;
    let results;
    try {
      results = await this.store.appendMany(appends);
    } catch (error) {
      if (isWriteRace(error)) return false;
      throw error;
    }
    // An exact repeat is answered with the stream's head: past 0, the timer was settled since.
    const scheduledResults = results.slice(cancels.length);
    for (const [index, data] of scheduled.entries())
      if (scheduledResults[index]?.nextRevision === PENDING_TIMER_REVISION)
        await this.enqueue(data.timerId, data.dueAt);
    return true;
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
