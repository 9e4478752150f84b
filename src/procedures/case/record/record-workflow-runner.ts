import { Inject, Injectable } from '@nestjs/common';
import { PersonState } from '../../../cadres/person/person.state';
import { RegistryService } from '../../../cadres/registry.service';
import { StreamDecider } from '../../../common/stream-decider';
import { loadStream } from '../../../common/stream-command-runner';
import { EVENT_STORE, EventStore } from '../../../event-store/event-store.port';
import { WorkflowDispatch } from '../../../sagas/workflow-command';
import { caseDecider } from '../decider/case.decider';
import { ExistingCase } from '../decider/case.state';
import { WrittenCases } from '../written-cases';
import { OpenCaseSeen, RecordWrite } from './record-writes';
import { RecordWriter } from './record-writer';

/**
 * What every procedure's record command does the same way: read the case stream once (and the
 * person's record when the workflow needs it), ask the pure workflow (`*.process.ts`) what to
 * write, and hand that to the `RecordWriter`. Each procedure's command table says which workflow.
 */
@Injectable()
export class RecordWorkflowRunner {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly registry: RegistryService,
    private readonly writer: RecordWriter,
    private readonly writtenCases: WrittenCases,
  ) {}

  /**
   * A personnel case's state for a command its event set off: as this process last wrote it
   * when that includes the event (WrittenCases), else as its stream stands.
   */
  async personnelCaseOf(stream: string, dispatch: WorkflowDispatch): Promise<ExistingCase> {
    const kept = this.writtenCases.sinceCause(stream, dispatch);
    if (kept && kept.status !== 'none') return kept;
    return this.caseOf(stream, caseDecider);
  }

  /** The case as its stream stands; an empty stream is a defect (the saga saw an event on it). */
  async caseOf<State extends { status: string }>(
    stream: string,
    decider: Pick<StreamDecider<State, unknown, unknown>, 'initialState' | 'evolve'>,
  ): Promise<Exclude<State, { status: 'none' }>> {
    const { state } = await loadStream(this.store, stream, decider);
    if (state.status === 'none') throw new Error(`case stream ${stream} is empty`);
    return state as Exclude<State, { status: 'none' }>;
  }

  async personOf(personId: string): Promise<PersonState> {
    return (await this.registry.loadPerson(personId)).state;
  }

  openCasesOf(person: PersonState): Promise<OpenCaseSeen[]> {
    return this.writer.openCasesOf(person);
  }

  write(writes: RecordWrite[], dispatch: WorkflowDispatch): Promise<void> {
    return this.writer.run(writes, dispatch);
  }
}
