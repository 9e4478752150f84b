import { Injectable, OnModuleInit } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { TimerHandlerRegistry } from '../../jobs/timers/timer-handlers';
import { SagasRuntime } from '../../sagas/sagas-runtime';
import { sendsCommand } from '../../sagas/workflow-command';
import { RecordDisciplineTimeLimitMissed } from './discipline-record.commands';
import { DISCIPLINE_TIME_LIMIT_TIMER, disciplineRecordSaga } from './discipline-record.saga';

/** The discipline-record saga and the command its time-limit timer sends (handlers beside it). */
@Injectable()
export class DisciplineRecordRegistration implements OnModuleInit {
  constructor(
    private readonly sagas: SagasRuntime,
    private readonly timers: TimerHandlerRegistry,
    private readonly commands: CommandBus,
  ) {}

  onModuleInit(): void {
    this.sagas.register(disciplineRecordSaga);
    this.timers.register(
      DISCIPLINE_TIME_LIMIT_TIMER,
      sendsCommand(this.commands, ({ target, payload }) => {
        return new RecordDisciplineTimeLimitMissed(target, (payload as { dueOn: string }).dueOn);
      }),
    );
  }
}
