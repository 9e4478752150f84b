import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { EVENT_STORE, EventStore } from '../../event-store/event-store.port';
import { TimerHandlerRegistry } from '../../jobs/timers/timer-handlers';
import { SagasRuntime } from '../../sagas/sagas-runtime';
import { sendsCommand } from '../../sagas/workflow-command';
import { RecordDisciplineTimeLimitMissed } from './discipline-record.commands';
import { DISCIPLINE_TIME_LIMIT_TIMER, disciplineRecordSagaOn } from './discipline-record.saga';

/**
 * The discipline-record saga (reading a case's stream when its time to decide is over, to cancel
 * the limit's timer) and the command its time-limit timer sends (handlers beside it).
 */
@Injectable()
export class DisciplineRecordRegistration implements OnModuleInit {
  constructor(
    private readonly sagas: SagasRuntime,
    private readonly timers: TimerHandlerRegistry,
    private readonly commands: CommandBus,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  onModuleInit(): void {
    this.sagas.register(disciplineRecordSagaOn(this.store));
    this.timers.register(
      DISCIPLINE_TIME_LIMIT_TIMER,
      sendsCommand(
        this.commands,
        ({ target, payload }) =>
          new RecordDisciplineTimeLimitMissed(target, (payload as { dueOn: string }).dueOn),
      ),
    );
  }
}
