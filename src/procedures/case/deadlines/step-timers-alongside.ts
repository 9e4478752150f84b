import { Logger } from '@nestjs/common';
import { evolveAll } from '../../../common/decided-append';
import { Clock } from '../../../common/clock';
import { EventMetadata, NewEvent } from '../../../event-store/event-envelope';
import { StreamAppend } from '../../../event-store/event-store.port';
import {
  ScheduleTimerRequest,
  TimerCancelRequest,
  timerAppends,
} from '../../../jobs/timers/timer-appends';
import { TimerScheduledData, TIMER_STREAM_PREFIX } from '../../../jobs/timers/timer.events';
import { TimerScheduler } from '../../../jobs/timers/timer-scheduler';
import { timerOutputs } from '../../../sagas/saga-outputs';
import { writtenWith } from '../../../sagas/written-with';
import { caseDecider } from '../decider/case.decider';
import { CaseState } from '../decider/case.state';
import { STEP_DEADLINES_SAGA, stepDeadlineOutputs, stepTimerId } from './step-deadline.saga';

const logger = new Logger('StepTimersAlongside');

/** A plan that writes no timer: the events as decided, left to the saga. */
const LEFT_TO_THE_SAGA = (events: readonly NewEvent[]) => ({ appends: [], events: [...events] });

/**
 * A case command writes its events' deadline timers (what the step-deadlines saga would write for
 * them) in the same write as the events, where the store's multi-stream write is all or nothing:
 * before, the saga wrote them after it saw the step, one more statement and commit per step
 * (bench/README.md). The events say so (`metadata.writtenWith`), and the saga leaves them be.
 *
 * A timer the plan cancels must still be pending at its first revision and one it schedules must
 * not exist; when the store refuses the write on a timer's stream (a deadline fired, a timer
 * already cancelled or never scheduled, an event entered after its deadline), the command is
 * decided again and written without timers, which the saga then carries out one by one as before.
 * A cancel it can tell is pointless (the current step has no due day, so it has no timer) is left
 * out. One instance per command: it remembers what the plan that was written scheduled, so that
 * those due soon are queued after the write.
 */
export class StepTimersAlongside {
  private scheduled: TimerScheduledData[] = [];

  constructor(
    private readonly streamId: string,
    private readonly atomic: boolean,
    private readonly clock: Clock,
  ) {}

  plan(
    state: CaseState,
    events: readonly NewEvent[],
    refused: ReadonlySet<string>,
  ): { appends: StreamAppend[]; events: NewEvent[] } {
    this.scheduled = [];
    const timerRefused = [...refused].some((stream) => stream.startsWith(TIMER_STREAM_PREFIX));
    if (!this.atomic || timerRefused) return LEFT_TO_THE_SAGA(events);
    const appends: StreamAppend[] = [];
    const scheduled: TimerScheduledData[] = [];
    const marked: NewEvent[] = [];
    let before = state;
    for (const [index, event] of events.entries()) {
      const timers = this.timersOf(before, event);
      if (!timers) return LEFT_TO_THE_SAGA(events);
      const written = timerAppends(timers.cancels, timers.schedules, this.sagaMetadata(event));
      appends.push(...written.appends);
      scheduled.push(...written.scheduled);
      // Marked only where the saga would write something (an event that moves no step, not).
      marked.push(timers.moves ? writtenWith(event, STEP_DEADLINES_SAGA) : event);
      if (index < events.length - 1) before = evolveAll(caseDecider, before, [event]);
    }
    // One command touching one timer twice (a schedule and its own cancel) is the saga's to sort.
    if (new Set(appends.map((append) => append.streamId)).size !== appends.length)
      return LEFT_TO_THE_SAGA(events);
    this.scheduled = scheduled;
    return { appends, events: marked };
  }

  /**
   * After the write: the timers it scheduled (none when it was a repeat) that fall due within the
   * queue horizon go to BullMQ now. Not awaited: the step is written, and a Redis that does not
   * answer must not hold up or fail its answer; the reconcile loop queues whatever this did not.
   */
  queueDueSoon(result: { replayed: boolean }, scheduler: TimerScheduler): void {
    const scheduled = result.replayed ? [] : this.scheduled;
    if (scheduled.length === 0) return;
    scheduler.enqueueWritten(scheduled).catch((error: unknown) => {
      const timers = scheduled.map((data) => data.timerId).join(', ');
      logger.warn(
        `timers ${timers} not queued now (${(error as Error).message}); the reconcile loop queues them`,
      );
    });
  }

  /**
   * The saga's outputs for one event as timer requests, without the pointless cancels; `moves`
   * when it would cancel or schedule any; null if it would do anything else.
   */
  private timersOf(
    before: CaseState,
    event: NewEvent,
  ): { cancels: TimerCancelRequest[]; schedules: ScheduleTimerRequest[]; moves: boolean } | null {
    const outputs = stepDeadlineOutputs({ ...event, streamId: this.streamId });
    const timers = timerOutputs(outputs, event);
    if (!timers) return null;
    return {
      cancels: timers.cancels.filter(
        (cancel) => !this.cancelIsPointless(before, event, cancel.timerId),
      ),
      schedules: timers.schedules,
      moves: timers.cancels.length + timers.schedules.length > 0,
    };
  }

  /**
   * The recorded step's own timer when the current step has no due day: the saga never scheduled
   * one. (Were the step not the current one, a timer left pending is still harmless: when it
   * fires, the handler finds the step no longer current.)
   */
  private cancelIsPointless(before: CaseState, event: NewEvent, timerId: string): boolean {
    if (before.status !== 'open' || before.currentStepDueOn !== null) return false;
    const { stepId, stepVisit } = event.data;
    return (
      typeof stepId === 'string' &&
      timerId === stepTimerId(this.streamId, stepId, stepVisit as number | undefined)
    );
  }

  /** As the saga's own writes are stamped (SagaOutputExecutor): its actor, caused by the event. */
  private sagaMetadata(event: NewEvent): EventMetadata {
    return {
      actorId: `system:saga:${STEP_DEADLINES_SAGA}`,
      correlationId: event.metadata.correlationId ?? event.id,
      causationId: event.id,
      occurredAt: this.clock.now().toISOString(),
    };
  }
}
