import { Clock } from '../../common/clock';
import { AlongsideWrite } from '../../common/stream-command-runner';
import { EventMetadata, NewEvent } from '../../event-store/event-envelope';
import { StreamAppend } from '../../event-store/event-store.port';
import { TimerScheduler } from '../../jobs/timers/timer-scheduler';
import { ClosingSlotRelease } from './closing-slot-release';
import { StepTimersAlongside } from './deadlines/step-timers-alongside';
import { CaseState } from './decider/case.state';
import { OpenCaseSlots } from './open-case-slots';
import { PersonRecordAlongside, PersonRecords } from './record/person-record-alongside';

/** What every case write needs to plan what goes with its events. */
export interface CaseWriteDependencies {
  slots: OpenCaseSlots;
  people: PersonRecords;
  timers: TimerScheduler;
  clock: Clock;
  /** `EventStore.appendManyIsAtomic`: only then is anything a saga would write planned here. */
  atomic: boolean;
}

/**
 * Everything one case command writes in the same write as its events (`runStreamCommand`'s
 * `alongside`), in order: an opening's id reservation and slot claim, or a closing's slot release;
 * the steps' deadline timers; the person's record and the decision's timers. One instance per
 * command: each part remembers what the attempt that was written planned, for `afterWrite`.
 */
export class CaseWriteAlongside {
  private readonly closing: ClosingSlotRelease;
  private readonly stepTimers: StepTimersAlongside;
  private readonly record: PersonRecordAlongside;

  constructor(
    stream: string,
    caseId: string,
    metadata: EventMetadata,
    private readonly deps: CaseWriteDependencies,
    /** An opening's own appends (its id and slot), which it writes instead of a closing's. */
    private readonly opening?: (state: CaseState) => Promise<StreamAppend[]>,
  ) {
    this.closing = new ClosingSlotRelease(deps.slots, caseId, metadata, deps.atomic);
    this.stepTimers = new StepTimersAlongside(stream, deps.atomic, deps.clock);
    this.record = new PersonRecordAlongside(stream, deps.atomic, deps.people, deps.clock);
  }

  readonly plan = async (
    state: CaseState,
    events: readonly NewEvent[],
    refused: ReadonlySet<string>,
  ): Promise<AlongsideWrite> => {
    const own = this.opening
      ? { appends: await this.opening(state), events: [...events] }
      : await this.closing.plan(state, events);
    const timers = this.stepTimers.plan(state, own.events ?? events, refused);
    const record = await this.record.plan(state, timers.events, refused);
    return {
      events: record.events,
      appends: [...own.appends, ...timers.appends, ...record.appends],
    };
  };

  /** After the write: what each part does once it knows what was written. */
  async afterWrite(result: {
    state: CaseState;
    appended: readonly unknown[];
    replayed: boolean;
  }): Promise<void> {
    await this.closing.releaseUnlessWritten(result);
    this.stepTimers.queueDueSoon(result, this.deps.timers);
    this.record.afterWrite(result, this.deps.timers);
  }
}
