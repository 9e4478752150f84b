import { Clock } from '../common/clock';
import { deterministicId } from '../common/deterministic-id';
import { RecordedEvent } from '../event-store/event-envelope';
import { TimerScheduler } from '../jobs/timers/timer-scheduler';
import { Saga, SagaOutput } from './saga';
import { WorkflowCommandBus, WorkflowDispatch } from './workflow-command';

/** The idSeed of the i-th output of a saga for an event: same saga + event + key → same ids. */
export function sagaIdSeed(sagaName: string, eventId: string, key: string): string {
  return deterministicId('saga', sagaName, eventId, key);
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

  async execute(saga: Saga, event: RecordedEvent, outputs: SagaOutput[]): Promise<void> {
    const actorId = `system:saga:${saga.name}`;
    const correlationId = event.metadata.correlationId ?? event.id;
    for (const [index, output] of outputs.entries()) {
      switch (output.kind) {
        case 'Send':
          await this.commands.execute(
            output.command.withDispatch(this.dispatch(saga, event, index, output.key)),
          );
          break;
        case 'Schedule':
          await this.timers.schedule(
            {
              kind: output.timer.kind,
              dueAt: new Date(output.timer.dueAt),
              target: output.timer.target,
              payload: output.timer.payload,
              cause: output.timer.cause ?? event.id,
            },
            { actorId, correlationId, causationId: event.id },
          );
          break;
        case 'Cancel':
          await this.timers.cancel(
            output.timerId,
            { actorId, correlationId, causationId: event.id },
            output.reason,
          );
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
}
