import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { EVENT_STORE, EventStore } from '../../../event-store/event-store.port';
import { TimerHandlerRegistry } from '../../../jobs/timers/timer-handlers';
import { SagasRuntime } from '../../../sagas/sagas-runtime';
import { sendsCommand } from '../../../sagas/workflow-command';
import { stepDeadlineSagaOn } from './closed-case-timers';
import { RecordStepDeadlineMissed } from './record-step-deadline-missed';
import { STEP_DEADLINE_TIMER } from './step-deadline';

type StepDeadlineTimer = { caseId: string; stepId: string; dueOn: string };

/**
 * The step-deadline saga (reading a case's stream when the case ends, to cancel its timers) and
 * the command its timer sends.
 */
@Injectable()
export class StepDeadlinesRegistration implements OnModuleInit {
  constructor(
    private readonly sagas: SagasRuntime,
    private readonly timers: TimerHandlerRegistry,
    private readonly commands: CommandBus,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  onModuleInit(): void {
    this.sagas.register(stepDeadlineSagaOn(this.store));
    this.timers.register(
      STEP_DEADLINE_TIMER,
      sendsCommand(this.commands, ({ target, payload }) => {
        const { caseId, stepId, dueOn } = payload as StepDeadlineTimer;
        return new RecordStepDeadlineMissed(target, caseId, stepId, dueOn);
      }),
    );
  }
}
