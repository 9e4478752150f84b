import { Injectable, OnModuleInit, Type } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { FiringTimer, TimerHandlerRegistry } from '../jobs/timers/timer-handlers';
import { Saga } from './saga';
import { SagasRuntime } from './sagas-runtime';
import { WorkflowCommand, sendsCommand } from './workflow-command';

/** A saga and, for each kind of timer it sets, the command that timer sends when it fires. */
export interface SagaWiring {
  saga: Saga;
  timers?: Record<string, (timer: FiringTimer) => WorkflowCommand>;
}

/**
 * The provider that registers a procedure's saga and its timers' commands at start, like every
 * saga (the commands' handlers are the module's own providers).
 */
export function sagaRegistration(wiring: SagaWiring): Type<OnModuleInit> {
  @Injectable()
  class SagaRegistration implements OnModuleInit {
    constructor(
      private readonly sagas: SagasRuntime,
      private readonly timers: TimerHandlerRegistry,
      private readonly commands: CommandBus,
    ) {}

    onModuleInit(): void {
      this.sagas.register(wiring.saga);
      for (const [kind, toCommand] of Object.entries(wiring.timers ?? {}))
        this.timers.register(kind, sendsCommand(this.commands, toCommand));
    }
  }
  return SagaRegistration;
}
