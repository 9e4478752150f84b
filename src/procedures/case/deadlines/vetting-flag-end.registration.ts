import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { EVENT_STORE, EventStore } from '../../../event-store/event-store.port';
import { FiringTimer, TimerHandlerContext } from '../../../jobs/timers/timer-handlers';
import { TimerHandlerRegistry } from '../../../jobs/timers/timer-handlers';
import { SagasRuntime } from '../../../sagas/sagas-runtime';
import { CaseService } from '../case.service';
import { RecordWriter } from '../record/record-writer';
import {
  VETTING_FLAG_END_TIMER,
  VettingFlagEndPayload,
  vettingFlagEndSagaOn,
} from './vetting-flag-end';

/**
 * The vetting-flag-end saga and what its timer does: on the day a flag read from the record ends
 * by time, the case reads the item again from the record as organization staff of its unit would
 * with «Kiểm tra lại theo hồ sơ», under the timer's actor (`system:timer:vetting-flag-end`), its
 * correlation and causation. A case no longer open is left alone; the case's own decision
 * appends nothing where the flag is gone or still borne out, and the timer's seed makes a
 * second firing append nothing.
 */
@Injectable()
export class VettingFlagEndRegistration implements OnModuleInit {
  constructor(
    private readonly sagas: SagasRuntime,
    private readonly timers: TimerHandlerRegistry,
    private readonly cases: CaseService,
    private readonly writer: RecordWriter,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  onModuleInit(): void {
    this.sagas.register(vettingFlagEndSagaOn(this.store));
    this.timers.register(VETTING_FLAG_END_TIMER, (timer, context) => this.fire(timer, context));
  }

  private async fire(timer: FiringTimer, context: TimerHandlerContext): Promise<void> {
    const { caseId, item } = timer.payload as unknown as VettingFlagEndPayload;
    const state = await this.cases.stateOf(caseId);
    if (state.status !== 'open') return;
    await this.writer.run(
      [
        {
          to: 'case',
          caseId,
          orgUnitId: state.orgUnitId,
          key: 'vetting-flag-end',
          command: { type: 'RecheckVettingItemFromRecord', data: { item } },
        },
      ],
      context,
    );
  }
}
