import { Logger } from '@nestjs/common';
import { personStream } from '../../../cadres/person-stream';
import { PersonCommand, personDecider } from '../../../cadres/person/person.decider';
import { PersonState } from '../../../cadres/person/person.state';
import { RegistryRuleViolation } from '../../../cadres/registry-rule-violation';
import { Clock } from '../../../common/clock';
import { evolveAll, newEvents } from '../../../common/decided-append';
import { deterministicId } from '../../../common/deterministic-id';
import { EventMetadata, NewEvent, RecordedEvent } from '../../../event-store/event-envelope';
import { StreamAppend } from '../../../event-store/event-store.port';
import { timerAppends } from '../../../jobs/timers/timer-appends';
import { TimerScheduledData, TIMER_STREAM_PREFIX } from '../../../jobs/timers/timer.events';
import { TimerScheduler } from '../../../jobs/timers/timer-scheduler';
import { SagaOutput } from '../../../sagas/saga';
import { sagaIdSeed, timerRequest } from '../../../sagas/saga-outputs';
import { WorkflowCommand } from '../../../sagas/workflow-command';
import { writtenWith } from '../../../sagas/written-with';
import { caseDecider } from '../decider/case.decider';
import { CaseState, ExistingCase } from '../decider/case.state';
import { AssignPostFromDecision, NoteCaseOnRecord } from './case-record.commands';
import { appointeeOf, assignPost, noteCase } from './case-record.process';
import { caseRecordSaga, RECORDED_PROCEDURES } from './case-record.saga';
import { RecordWrite } from './record-writes';

const logger = new Logger('PersonRecordAlongside');

/** What the planner needs of the registry (RegistryService). */
export interface PersonRecords {
  personToWriteAlongside(
    personId: string,
  ): Promise<{ state: PersonState; revision: number | null }>;
  personWrittenAlongside(personId: string, state: PersonState, revision: number): void;
  assertReferencesExist(command: PersonCommand): Promise<void>;
}

interface PersonPlan {
  personId: string;
  state: PersonState;
  revision: number;
  events: NewEvent[];
}

/** One command's plan, built event by event. */
interface Plan {
  person: PersonPlan | null;
  appends: StreamAppend[];
  scheduled: TimerScheduledData[];
}

const followsCase = (streamId: string) =>
  RECORDED_PROCEDURES.some((procedure) => streamId.startsWith(`${procedure}-`));

/**
 * An appointment, re-appointment or rotation command writes what the case-record saga would write
 * for its events on the person's record (the case noted open or closed, the decision's post
 * assigned and the posts it ends) and the timers the decision sets, in the same write as its
 * events, where the store's multi-stream write is all or nothing. Before, the saga read the whole
 * case again for each, and wrote each in a transaction of its own (bench/README.md). The events
 * say so (`metadata.writtenWith`), and the saga leaves them be.
 *
 * The writes are the saga's: the same pure workflow (`case-record.process.ts`) on the case as the
 * event leaves it, the same person rules, ids, actor and cause. The person's record is appended at
 * the revision it was judged on; when the store refuses that (someone wrote the record since), a
 * person rule refuses a write, or the saga would do something else (open another case), the
 * command is written without them, unmarked, and the saga carries them out as before.
 */
export class PersonRecordAlongside {
  private written: Plan | null = null;

  constructor(
    private readonly streamId: string,
    private readonly atomic: boolean,
    private readonly people: PersonRecords,
    private readonly clock: Clock,
  ) {}

  async plan(
    state: CaseState,
    events: readonly NewEvent[],
    refused: ReadonlySet<string>,
  ): Promise<{ appends: StreamAppend[]; events: NewEvent[] }> {
    this.written = null;
    const left = { appends: [], events: [...events] };
    const recordRefused = [...refused].some(
      (stream) => stream.startsWith(personStream('')) || stream.startsWith(TIMER_STREAM_PREFIX),
    );
    if (!this.atomic || !followsCase(this.streamId) || recordRefused) return left;
    const plan: Plan = { person: null, appends: [], scheduled: [] };
    const marked: NewEvent[] = [];
    let before = state;
    try {
      for (const event of events) {
        const after = evolveAll(caseDecider, before, [event]);
        const acts = await this.planEvent(plan, after, event);
        if (acts === null) return left;
        marked.push(acts ? writtenWith(event, caseRecordSaga.name) : event);
        before = after;
      }
    } catch (error) {
      if (!(error instanceof RegistryRuleViolation)) throw error;
      return left;
    }
    const { person } = plan;
    const personAppend: StreamAppend[] = person?.events.length
      ? [
          {
            streamId: personStream(person.personId),
            events: person.events,
            expectedRevision: person.revision,
          },
        ]
      : [];
    this.written = plan;
    return { appends: [...personAppend, ...plan.appends], events: marked };
  }

  /**
   * After the write: the next command on the person's record starts from what it wrote, and the
   * timers it scheduled that fall due within the queue horizon go to BullMQ (not awaited, as for
   * a step's timers: the reconcile loop queues what this does not).
   */
  afterWrite(
    result: { replayed: boolean; appended: readonly unknown[] },
    scheduler: TimerScheduler,
  ) {
    const plan = this.written;
    if (!plan || result.replayed || result.appended.length === 0) return;
    const { person } = plan;
    if (person?.events.length)
      this.people.personWrittenAlongside(
        person.personId,
        person.state,
        person.revision + person.events.length,
      );
    if (plan.scheduled.length === 0) return;
    scheduler.enqueueWritten(plan.scheduled).catch((error: unknown) => {
      logger.warn(
        `timers ${plan.scheduled.map((data) => data.timerId).join(', ')} not queued now (${(error as Error).message}); the reconcile loop queues them`,
      );
    });
  }

  /**
   * Adds the saga's outputs for one event to the plan: true when it has any, false when it has
   * none, null when one is not the saga's record or timer writes (then the saga does them all).
   */
  private async planEvent(plan: Plan, after: CaseState, event: NewEvent): Promise<boolean | null> {
    if (after.status === 'none') return null;
    const recorded = { ...event, streamId: this.streamId } as unknown as RecordedEvent;
    const outputs: SagaOutput[] = await caseRecordSaga.handle(recorded, { now: this.clock.now() });
    const metadata = this.sagaMetadata(event);
    let acts = false;
    for (const [index, output] of outputs.entries()) {
      if (output.kind === 'Ignore') continue;
      acts = true;
      if (output.kind === 'Schedule') {
        const timers = timerAppends([], [timerRequest(output.timer, event)], metadata);
        plan.appends.push(...timers.appends);
        plan.scheduled.push(...timers.scheduled);
        continue;
      }
      if (output.kind !== 'Send') return null;
      const writes = await this.writesOf(plan, output.command, after);
      if (!writes) return null;
      const idSeed = sagaIdSeed(caseRecordSaga.name, event.id, output.key ?? String(index));
      for (const write of writes)
        if (!(await this.planPersonWrite(plan, write, idSeed, metadata))) return null;
    }
    return acts;
  }

  /** What the saga's command writes (its handler in `case-record.handlers.ts`), or null. */
  private async writesOf(
    plan: Plan,
    command: WorkflowCommand,
    after: ExistingCase,
  ): Promise<RecordWrite[] | null> {
    if (command instanceof NoteCaseOnRecord)
      return noteCase(after, { status: command.status, on: command.on });
    if (command instanceof AssignPostFromDecision) {
      const person = await this.personOf(plan, appointeeOf(after));
      return person ? assignPost(after, person.state) : null;
    }
    return null;
  }

  /** Decides one write on the record as the plan leaves it; false when it is not this plan's. */
  private async planPersonWrite(
    plan: Plan,
    write: RecordWrite,
    idSeed: string,
    metadata: EventMetadata,
  ): Promise<boolean> {
    if (write.to !== 'person') return false;
    const person = await this.personOf(plan, write.personId);
    if (!person) return false;
    await this.people.assertReferencesExist(write.command);
    const decided = personDecider.decide(person.state, write.command, {});
    const seed = write.key === null ? idSeed : deterministicId(idSeed, write.key);
    person.events.push(...newEvents(decided, { idSeed: seed, metadata }));
    person.state = evolveAll(personDecider, person.state, decided);
    return true;
  }

  /** The one person whose record the plan writes; null for a second one or one not registered. */
  private async personOf(plan: Plan, personId: string): Promise<PersonPlan | null> {
    if (plan.person) return plan.person.personId === personId ? plan.person : null;
    const { state, revision } = await this.people.personToWriteAlongside(personId);
    if (revision === null) return null;
    plan.person = { personId, state, revision, events: [] };
    return plan.person;
  }

  /** As the saga's own writes are stamped (SagaOutputExecutor): its actor, caused by the event. */
  private sagaMetadata(event: NewEvent): EventMetadata {
    return {
      actorId: `system:saga:${caseRecordSaga.name}`,
      correlationId: event.metadata.correlationId ?? event.id,
      causationId: event.id,
      occurredAt: this.clock.now().toISOString(),
    };
  }
}
