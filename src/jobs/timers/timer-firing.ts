import { Clock } from '../../common/clock';
import { EventStore } from '../../event-store/event-store.port';
import { JobNames } from '../job-queue';
import { JobProcessor, JobResult } from '../job-worker';
import { TimerHandlerRegistry } from './timer-handlers';
import { TimerFiredData, timerEventId, timerStreamId } from './timer.events';
import { isWriteRace } from '../../event-store/event-store.errors';
import { loadTimer } from './timer-stream';

export interface TimerFireJob {
  timerId: string;
}

export const timerDeadLetterKey = (timerId: string): string => `timer:${timerId}`;

/**
 * Fires a due timer: runs the handler of its kind, then records `TimerFired`.
 *
 * The handler runs first and `TimerFired` is appended only after it succeeded, so "not fired" in
 * the store means exactly "its effect may be missing": a crash between the two, even together
 * with a Redis that lost its data, is repaired by the reconciler re-enqueueing the timer, and the
 * handler's deterministic ids (seeded by the timer id) absorb the repeat. A fired or cancelled
 * timer is never handled again, so a second delivery has no second effect.
 */
export class TimerFiring implements JobProcessor<TimerFireJob> {
  readonly jobName = JobNames.timerFire;
  readonly source = 'timer' as const;

  constructor(
    private readonly store: EventStore,
    private readonly handlers: TimerHandlerRegistry,
    private readonly clock: Clock,
  ) {}

  deadLetterKey(data: TimerFireJob): string {
    return timerDeadLetterKey(data.timerId);
  }

  async process(data: TimerFireJob): Promise<JobResult> {
    return this.fire(data.timerId);
  }

  async fire(timerId: string): Promise<JobResult> {
    const loaded = await loadTimer(this.store, timerId);
    // Never scheduled (a stray job), already fired, or cancelled: nothing to do.
    if (loaded.state.status !== 'scheduled') return;
    const timer = loaded.state.timer;
    const scheduledEvent = loaded.events[0];
    const now = this.clock.now();
    const dueAt = new Date(timer.dueAt);
    if (dueAt.getTime() > now.getTime()) return { notDueForMs: dueAt.getTime() - now.getTime() };

    const handler = this.handlers.get(timer.kind);
    if (!handler)
      throw new Error(`no handler registered for timer kind "${timer.kind}" (timer ${timerId})`);
    await handler(
      { timerId, kind: timer.kind, target: timer.target, dueAt, payload: timer.payload },
      {
        idSeed: timerId,
        now,
        metadata: {
          actorId: `system:timer:${timer.kind}`,
          correlationId: scheduledEvent.metadata.correlationId,
          causationId: scheduledEvent.id,
          occurredAt: now.toISOString(),
        },
      },
    );

    const fired: TimerFiredData = { timerId, firedAt: now.toISOString() };
    try {
      await this.store.append(
        timerStreamId(timerId),
        [
          {
            id: timerEventId(timerId, 'fired'),
            type: 'TimerFired',
            data: { ...fired },
            metadata: {
              actorId: `system:timer:${timer.kind}`,
              correlationId: scheduledEvent.metadata.correlationId,
              causationId: scheduledEvent.id,
              occurredAt: now.toISOString(),
            },
          },
        ],
        { expectedRevision: loaded.revision ?? 'no_stream' },
      );
    } catch (error) {
      if (!isWriteRace(error)) throw error;
      // Another delivery fired it, or it was cancelled meanwhile: either way it is settled.
      const again = await loadTimer(this.store, timerId);
      if (again.state.status === 'scheduled') throw error;
    }
  }
}
