import { Clock } from '../common/clock';
import { deterministicId } from '../common/deterministic-id';
import { RecordedEvent } from '../event-store/event-envelope';
import {
  ScheduleTimerRequest,
  TimerRequestMetadata,
  TimerScheduler,
} from '../jobs/timers/timer-scheduler';
import { TimerCancelRequest } from '../jobs/timers/timer-appends';
import { Saga, SagaOutput, SagaTimerRequest } from './saga';
import { WorkflowCommandBus, WorkflowDispatch } from './workflow-command';
import { isWrittenWith } from './written-with';

/** The idSeed of the i-th output of a saga for an event: same saga + event + key → same ids. */
export function sagaIdSeed(sagaName: string, eventId: string, key: string): string {
  return deterministicId('saga', sagaName, eventId, key);
}

/** A saga's timer as the scheduler takes it: its cause, unless named, is the event. */
export function timerRequest(
  timer: SagaTimerRequest,
  event: Pick<RecordedEvent, 'id'>,
): ScheduleTimerRequest {
  return {
    kind: timer.kind,
    dueAt: new Date(timer.dueAt),
    target: timer.target,
    payload: timer.payload,
    cause: timer.cause ?? event.id,
    ...(timer.supersedes?.length ? { supersedes: timer.supersedes } : {}),
  };
}

/**
 * A saga's outputs for one event as timer requests, cancels and schedules; null when it would
 * also do something else (send a command).
 */
export function timerOutputs(
  outputs: readonly SagaOutput[],
  event: Pick<RecordedEvent, 'id'>,
): { cancels: TimerCancelRequest[]; schedules: ScheduleTimerRequest[] } | null {
  const cancels: TimerCancelRequest[] = [];
  const schedules: ScheduleTimerRequest[] = [];
  for (const output of outputs) {
    if (output.kind === 'Cancel') cancels.push({ timerId: output.timerId, reason: output.reason });
    else if (output.kind === 'Schedule') schedules.push(timerRequest(output.timer, event));
    else if (output.kind !== 'Ignore') return null;
  }
  return { cancels, schedules };
}

/** Outputs a run of timers written at once may hold: timers, and Ignore, which writes nothing. */
const IN_TIMER_RUN = new Set<SagaOutput['kind']>(['Schedule', 'Cancel', 'Ignore']);

/** How many outputs from `start` on may go into one write of timers. */
function timerRunLength(outputs: readonly SagaOutput[], start: number): number {
  let end = start;
  while (end < outputs.length && IN_TIMER_RUN.has(outputs[end].kind)) end += 1;
  return end - start;
}

/** Carries out a saga's outputs for one event, each idempotently. */
export class SagaOutputExecutor {
  constructor(
    private readonly commands: WorkflowCommandBus,
    private readonly timers: TimerScheduler,
    private readonly clock: Clock,
  ) {}

  private dispatch(
    saga: Saga,
    event: RecordedEvent,
    index: number,
    key?: string,
  ): WorkflowDispatch {
    const now = this.clock.now();
    return {
      idSeed: sagaIdSeed(saga.name, event.id, key ?? String(index)),
      now,
      metadata: {
        actorId: `system:saga:${saga.name}`,
        correlationId: event.metadata.correlationId ?? event.id,
        causationId: event.id,
        occurredAt: now.toISOString(),
      },
    };
  }

  /**
   * Consecutive timer outputs (a step's deadline giving way to the next step's; a decision's
   * re-appointment notice and term end, after its commands) are written in one statement; false
   * when that was not possible or not tried, and they are carried out one by one.
   */
  private async timersAtOnce(
    event: RecordedEvent,
    outputs: readonly SagaOutput[],
    meta: TimerRequestMetadata,
  ): Promise<boolean> {
    const timers = timerOutputs(outputs, event);
    if (!timers || timers.cancels.length + timers.schedules.length < 2) return false;
    return this.timers.cancelAndScheduleAtOnce(timers.cancels, timers.schedules, meta);
  }

  async execute(saga: Saga, event: RecordedEvent, outputs: SagaOutput[]): Promise<void> {
    // Written in the event's own write, all or nothing (a step's deadline timers): nothing is left.
    if (isWrittenWith(event.metadata, saga.name)) return;
    const meta = {
      actorId: `system:saga:${saga.name}`,
      correlationId: event.metadata.correlationId ?? event.id,
      causationId: event.id,
    };
    let index = 0;
    while (index < outputs.length) {
      const run = timerRunLength(outputs, index);
      const end = index + Math.max(run, 1);
      if (run < 2 || !(await this.timersAtOnce(event, outputs.slice(index, end), meta)))
        for (let one = index; one < end; one += 1)
          await this.carryOut(saga, event, one, outputs[one], meta);
      index = end;
    }
  }

  /** One output; `index` is its place among the event's outputs (a Send's default id key). */
  private async carryOut(
    saga: Saga,
    event: RecordedEvent,
    index: number,
    output: SagaOutput,
    meta: TimerRequestMetadata,
  ): Promise<void> {
    switch (output.kind) {
      case 'Send':
        await this.commands.execute(
          output.command.withDispatch(this.dispatch(saga, event, index, output.key)),
        );
        break;
      case 'Schedule':
        await this.timers.schedule(timerRequest(output.timer, event), meta);
        break;
      case 'Cancel':
        await this.timers.cancel(output.timerId, meta, output.reason);
        break;
      case 'Ignore':
        break;
      default: {
        const unknownOutput: never = output;
        throw new Error(`unknown saga output ${JSON.stringify(unknownOutput)}`);
      }
    }
  }
}
