import { Injectable, OnModuleInit } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { TimerHandlerRegistry } from '../../../jobs/timers/timer-handlers';
import { SagasRuntime } from '../../../sagas/sagas-runtime';
import { sendsCommand } from '../../../sagas/workflow-command';
import { RecordStepDeadlineMissed } from './record-step-deadline-missed';
import { STEP_DEADLINE_TIMER } from './step-deadline';
import { stepDeadlineSaga } from './step-deadline.saga';

/** The step-deadline saga and the command its timer sends. */
@Injectable()
export class StepDeadlinesRegistration implements OnModuleInit {
  constructor(
    private readonly sagas: SagasRuntime,
    private readonly timers: TimerHandlerRegistry,
    private readonly commands: CommandBus,
  ) {}

  onModuleInit(): void {
    this.sagas.register(stepDeadlineSaga);
    this.timers.register(
      STEP_DEADLINE_TIMER,
      sendsCommand(this.commands, ({ target, payload }) => {
        const { caseId, stepId, dueOn } = payload as {
          caseId: string;
          stepId: string;
          dueOn: string;
        };
        return new RecordStepDeadlineMissed(target, caseId, stepId, dueOn);
      }),
    );
  }
}
