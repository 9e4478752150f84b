import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { runStreamCommand } from '../../../common/stream-command-runner';
import { EVENT_STORE, EventStore } from '../../../event-store/event-store.port';
import { TimerHandlerRegistry } from '../../../jobs/timers/timer-handlers';
import { SagasRuntime } from '../../../sagas/sagas-runtime';
import { deadlineDecider, STEP_DEADLINE_TIMER } from './step-deadline';
import { stepDeadlineSaga } from './step-deadline.saga';

/** Wires the step-deadline saga and its timer handler into the durable runtime. */
@Injectable()
export class StepDeadlinesRegistration implements OnModuleInit {
  constructor(
    private readonly sagas: SagasRuntime,
    private readonly timers: TimerHandlerRegistry,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  onModuleInit(): void {
    this.sagas.register(stepDeadlineSaga);
    this.timers.register(STEP_DEADLINE_TIMER, async (timer, context) => {
      const payload = timer.payload as { caseId: string; stepId: string; dueOn: string };
      await runStreamCommand(
        this.store,
        timer.target,
        deadlineDecider,
        {
          type: 'RecordDeadlineMissed',
          data: {
            caseId: payload.caseId,
            stepId: payload.stepId,
            dueOn: payload.dueOn,
            missedAt: context.now.toISOString(),
          },
        },
        { idSeed: context.idSeed, metadata: context.metadata, context: () => undefined },
      );
    });
  }
}
