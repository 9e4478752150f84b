import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { loadStream } from '../../common/stream-command-runner';
import { EVENT_STORE, EventStore } from '../../event-store/event-store.port';
import { WorkflowCommand } from '../../sagas/workflow-command';
import { caseDecider } from './decider/case.decider';
import { OpenCaseSlots } from './open-case-slots';
import { WrittenCases } from './written-cases';

/** A case closed: free the open-case slot it held (nothing to do once it no longer holds it). */
export class ReleaseOpenCaseSlot extends WorkflowCommand {
  constructor(
    readonly stream: string,
    readonly reason: string,
  ) {
    super();
  }
}

/** The case's own stream says which slot it held. */
@CommandHandler(ReleaseOpenCaseSlot)
export class ReleaseOpenCaseSlotHandler implements ICommandHandler<ReleaseOpenCaseSlot> {
  constructor(
    private readonly slots: OpenCaseSlots,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly writtenCases: WrittenCases,
  ) {}

  async execute({ stream, reason, dispatch }: ReleaseOpenCaseSlot): Promise<void> {
    // The closing step this process wrote is kept: its slot is named without reading the case.
    const state =
      this.writtenCases.sinceCause(stream, dispatch) ??
      (await loadStream(this.store, stream, caseDecider)).state;
    if (state.status === 'none' || state.status === 'open') return;
    await this.slots.releaseHeldBy(
      { procedure: state.procedure, personId: state.personId, positionId: state.positionId },
      state.caseId,
      reason,
      dispatch.metadata,
    );
  }
}
