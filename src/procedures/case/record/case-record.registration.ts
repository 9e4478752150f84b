import { Injectable, OnModuleInit } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { TimerHandlerRegistry } from '../../../jobs/timers/timer-handlers';
import { SagasRuntime } from '../../../sagas/sagas-runtime';
import { sendsCommand } from '../../../sagas/workflow-command';
import { EndTermOnRecord, GiveReappointmentNotice } from './case-record.commands';
import { caseRecordSaga, REAPPOINTMENT_REMINDER_TIMER, TERM_END_TIMER } from './case-record.saga';

type TermTimer = { stream: string; termEnd: string; noticeOn: string };

/** The case-record saga and the commands its two timers send (handlers: `case-record.handlers.ts`). */
@Injectable()
export class CaseRecordRegistration implements OnModuleInit {
  constructor(
    private readonly sagas: SagasRuntime,
    private readonly timers: TimerHandlerRegistry,
    private readonly commands: CommandBus,
  ) {}

  onModuleInit(): void {
    this.sagas.register(caseRecordSaga);
    this.timers
      .register(
        REAPPOINTMENT_REMINDER_TIMER,
        sendsCommand(this.commands, ({ payload }) => {
          const { stream, termEnd, noticeOn } = payload as TermTimer;
          return new GiveReappointmentNotice(stream, termEnd, noticeOn);
        }),
      )
      .register(
        TERM_END_TIMER,
        sendsCommand(this.commands, ({ payload }) => {
          const { stream, termEnd } = payload as TermTimer;
          return new EndTermOnRecord(stream, termEnd);
        }),
      );
  }
}
