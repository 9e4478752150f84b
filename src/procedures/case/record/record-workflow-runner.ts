import { Inject, Injectable } from '@nestjs/common';
import { PersonState } from '../../../cadres/person/person.state';
import { RegistryService } from '../../../cadres/registry.service';
import { StreamDecider } from '../../../common/stream-decider';
import { loadStream } from '../../../common/stream-command-runner';
import { EVENT_STORE, EventStore } from '../../../event-store/event-store.port';
import { WorkflowDispatch } from '../../../sagas/workflow-command';
import { OpenCaseSeen, RecordWrite } from './record-writes';
import { RecordWriter } from './record-writer';
import { RecordOrigins } from '../../../identity/record-origins';
import { CaseState } from '../decider/case.state';

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
    private readonly origins: RecordOrigins,
  ) {}

  /** The case as its stream stands; an empty stream is a defect (the saga saw an event on it). */
  async caseOf<State extends { status: string }>(
    stream: string,
    decider: Pick<StreamDecider<State, unknown, unknown>, 'initialState' | 'evolve'>,
  ): Promise<Exclude<State, { status: 'none' }>> {
    const { state } = await loadStream(this.store, stream, decider);
    if (state.status === 'none') throw new Error(`case stream ${stream} is empty`);
    return state as Exclude<State, { status: 'none' }>;
  }

  /**
   * The case as its first event left it (kept per process, RecordOrigins): enough for what an
   * opening fixes for good (whose case it is, which case, which procedure), without reading the
   * whole stream as `caseOf` does.
   */
  async openingOf<State extends { status: string }>(
    stream: string,
    decider: Pick<StreamDecider<State, unknown, unknown>, 'initialState' | 'evolve'>,
  ): Promise<Exclude<State, { status: 'none' }>> {
    const state = await this.origins.openingState(stream, decider);
    if (state.status === 'none') throw new Error(`case stream ${stream} is empty`);
    return state as Exclude<State, { status: 'none' }>;
  }

  async personOf(personId: string): Promise<PersonState> {
    return (await this.registry.loadPerson(personId)).state;
  }

  /** The unit a post belongs to (posts are fixed once registered). */
  async unitOfPost(positionId: string): Promise<string> {
    const position = await this.registry.findPosition(positionId);
    if (!position) throw new Error(`post ${positionId} of a decided case is not in the registry`);
    return position.orgUnitId;
  }

  openCasesOf(person: PersonState, alreadyRead?: CaseState): Promise<OpenCaseSeen[]> {
    return this.writer.openCasesOf(person, alreadyRead);
  }

  write(writes: RecordWrite[], dispatch: WorkflowDispatch): Promise<void> {
    return this.writer.run(writes, dispatch);
  }
}
